namespace Platform.Gateway.Access;

/// <summary>A request body that names nodes besides the route's (a move's new parent): <see cref="AccessFilter"/> checks
/// that each lies in the caller's scope too.</summary>
internal interface IAddressesNodes
{
    /// <summary>Each node the body names, with the field that names it.</summary>
    IEnumerable<(string Field, string Code)> AddressedNodes();
}
