using OpenAlgebra.Modules.Platform.Encryption;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>One new instance's object being encrypted and written; its prepared bytes go back to the pool once it is done.</summary>
internal sealed class ObjectWrite
{
    private ObjectWrite(NewInstance instance, Preparation source, Task<StoredObject> task)
    {
        Instance = instance;
        Source = source;
        Task = task;
    }

    public NewInstance Instance { get; }

    public Preparation Source { get; }

    public Task<StoredObject> Task { get; }

    public static ObjectWrite Start(IEncryptedObjectStore objects, NewInstance instance, Preparation source, CancellationToken cancellationToken) =>
        new(instance, source, WriteAsync(objects, instance, cancellationToken));

    /// <summary>Waits until fewer than <paramref name="limit"/> writes are still running.</summary>
    public static async Task WaitForRoomAsync(IReadOnlyList<ObjectWrite> writes, int limit)
    {
        while (writes.Count(w => !w.Task.IsCompleted) >= limit)
        {
            await System.Threading.Tasks.Task.WhenAny(writes.Where(w => !w.Task.IsCompleted).Select(w => w.Task)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for every write to end, failed or not (their outcomes are read elsewhere), so no buffer is in use after.</summary>
    public static async Task WaitForAllAsync(IEnumerable<ObjectWrite> writes)
    {
        foreach (var write in writes)
        {
            await ((Task)write.Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<StoredObject> WriteAsync(IEncryptedObjectStore objects, NewInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            return await objects.PutAsync(instance.Entry.ObjectKey, instance.Prepared.OpenRead(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            instance.Prepared.Dispose();
        }
    }
}
