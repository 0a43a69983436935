namespace OpenAlgebra.Modules.Inference.Engines.TvDenoise;

/// <summary>scikit-image's stopping rule: the energy per voxel changed by less than eps times the first iteration's.</summary>
internal struct ChambolleStop(double eps)
{
    private bool _started;
    private double _initial;
    private double _previous;

    /// <returns>Whether the iteration that reached <paramref name="energy"/> is the last.</returns>
    public bool After(double energy)
    {
        if (!_started)
        {
            _started = true;
            _initial = _previous = energy;
            return false;
        }

        if (Math.Abs(_previous - energy) < eps * _initial)
        {
            return true;
        }

        _previous = energy;
        return false;
    }
}
