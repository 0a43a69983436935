namespace OpenAlgebra.Web.Components.Session;

/// <summary>Cascaded to every page: the client's IP address, captured from the HTTP request that opened the circuit.</summary>
public sealed record ClientAddress(string? Value);
