using System.Text;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Tests;

public class JsonLineMapTests
{
    private static readonly JsonLineMap Map = JsonLineMap.Build(Encoding.UTF8.GetBytes("""
        {
          "agencies": [
            {
              "code": "MOF",
              "tags": ["a",
                "b"]
            },
            { "code": "NIC" }
          ]
        }
        """));

    [Theory]
    [InlineData("$", 1)]
    [InlineData("$.agencies", 2)]
    [InlineData("$.agencies[0]", 3)]
    [InlineData("$.agencies[0].code", 4)]
    [InlineData("$.agencies[0].tags[1]", 6)]
    [InlineData("$.agencies[1].code", 8)]
    public void LineOf_KnownPath_ReturnsLine(string path, int line)
    {
        Assert.Equal(line, Map.LineOf(path));
    }

    [Fact]
    public void LineOf_MissingProperty_ReturnsItsObjectLine()
    {
        Assert.Equal(8, Map.LineOf("$.agencies[1].name_ar"));
    }
}
