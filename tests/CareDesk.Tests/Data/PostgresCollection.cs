using CareDesk.Testing;

namespace CareDesk.Tests.Data;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
