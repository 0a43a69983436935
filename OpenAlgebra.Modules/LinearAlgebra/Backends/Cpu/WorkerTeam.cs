using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Cpu;

/// <summary>
/// Process-wide threads that run the partitions of one kernel at a time, the caller taking part. Parallel.For allocates
/// on every call (tasks, loop state) and wakes pool threads each time; a Krylov iteration issues a dozen kernels
/// back to back, so these workers spin briefly between kernels and only sleep when a solve goes quiet.
/// </summary>
/// <remarks>
/// Partitions are claimed dynamically, but each partition's range is fixed by the caller, so which thread runs it never
/// changes a result. When another solve holds the team, the caller runs its partitions itself rather than queue.
/// </remarks>
internal sealed class WorkerTeam
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 µs: longer than the gap between kernels

    private readonly object _sleepGate = new();
    private int _busy;
    private int _sleepers;
    private long _generation;

    // The generation in the high 32 bits and the next unclaimed partition in the low 32: a worker late from an earlier
    // kernel cannot claim a partition of the current one, because its compare-and-swap names the old generation.
    private long _claim;
    private int _partitions;
    private int _pending;
    private PartitionedWork? _work;
    private ExceptionDispatchInfo? _failure;

    private WorkerTeam(int workers)
    {
        Workers = workers;
        for (var i = 0; i < workers; i++)
        {
            new Thread(WorkerLoop) { IsBackground = true, Name = $"OpenAlgebra linear algebra worker {i + 1}" }.Start();
        }
    }

    /// <summary>One worker per core besides the caller's.</summary>
    public static WorkerTeam Shared { get; } = new(Environment.ProcessorCount - 1);

    public int Workers { get; }

    /// <summary>Runs partitions 0 … <paramref name="partitions"/> − 1 of <paramref name="work"/> and returns when all are done.</summary>
    public void Run(PartitionedWork work, int partitions)
    {
        if (partitions <= 1 || Workers == 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                work.Run(partition);
            }
            return;
        }

        try
        {
            _work = work;
            _partitions = partitions;
            _pending = partitions;
            _failure = null;
            var generation = ++_generation;
            Interlocked.Exchange(ref _claim, generation << 32);
            if (Volatile.Read(ref _sleepers) > 0)
            {
                lock (_sleepGate)
                {
                    Monitor.PulseAll(_sleepGate);
                }
            }

            Participate(generation);
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) > 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            _work = null; // the team outlives solves; it must not keep their vectors alive
            _failure?.Throw();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Participate(long generation)
    {
        while (true)
        {
            var claim = Volatile.Read(ref _claim);
            if (claim >> 32 != generation)
                return;
            var partition = (int)(claim & 0xFFFF_FFFF);
            if (partition >= Volatile.Read(ref _partitions))
                return;
            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim)
                continue;
            try
            {
                _work!.Run(partition);
            }
#pragma warning disable CA1031 // a worker thread must not die: the caller rethrows the first failure
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
            Interlocked.Decrement(ref _pending);
        }
    }

    private void WorkerLoop()
    {
        long seen = 0;
        while (true)
        {
            long generation;
            var spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while ((generation = Volatile.Read(ref _claim) >> 32) == seen)
            {
                if (Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(20);
                    continue;
                }
                lock (_sleepGate)
                {
                    Interlocked.Increment(ref _sleepers);
                    while (Volatile.Read(ref _claim) >> 32 == seen)
                    {
                        Monitor.Wait(_sleepGate);
                    }
                    Interlocked.Decrement(ref _sleepers);
                }
            }
            seen = generation;
            Participate(generation);
        }
    }
}
