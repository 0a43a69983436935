using OpenAlgebra.Modules.Inference.Engines;

namespace OpenAlgebra.Modules.Inference.Registry;

/// <summary>The engines this build can run: every <see cref="IAnalysisEngine"/> registered in the container.</summary>
internal sealed class EngineCatalog
{
    private readonly IReadOnlyList<IAnalysisEngine> _engines;

    public EngineCatalog(IEnumerable<IAnalysisEngine> engines)
    {
        _engines = engines.ToList();
        var duplicate = _engines.GroupBy(e => (e.Name, e.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Engine {duplicate.Key.Name} {duplicate.Key.Version} is registered more than once.");
        }
    }

    public IReadOnlyList<IAnalysisEngine> All => _engines;

    public bool Knows(string name) => _engines.Any(e => e.Name == name);

    public IAnalysisEngine? Find(string name, string version) => _engines.FirstOrDefault(e => e.Name == name && e.Version == version);

    /// <summary>The version of an engine this build runs when none is named: its only one.</summary>
    /// <exception cref="InferenceNotFoundException">The build has no such engine.</exception>
    /// <exception cref="InferenceConflictException">The build has several versions of it, so one must be named.</exception>
    public IAnalysisEngine Current(string name)
    {
        var versions = _engines.Where(e => e.Name == name).ToList();
        return versions.Count switch
        {
            0 => throw new InferenceNotFoundException($"This build has no engine '{name}'."),
            1 => versions[0],
            _ => throw new InferenceConflictException(
                $"This build has {versions.Count} versions of '{name}' ({string.Join(", ", versions.Select(v => v.Version))}): name one."),
        };
    }
}
