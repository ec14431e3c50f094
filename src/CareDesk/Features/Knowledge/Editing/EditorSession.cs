using Microsoft.AspNetCore.Components.Authorization;

namespace CareDesk.Features.Knowledge.Editing;

/// <summary>The acting user of an editor page, read from the circuit's authentication state.</summary>
public sealed class EditorSession(AuthenticationStateProvider authentication)
{
    public async Task<EditorActor?> ActorAsync() =>
        EditorActor.From((await authentication.GetAuthenticationStateAsync()).User);
}
