namespace Dashboard.Core.Stores;

/// <summary>A decorator that exposes the store it wraps, so optional capabilities stay reachable.</summary>
public interface IDataStoreWrapper
{
    IDataStore Inner { get; }
}

public static class DataStoreCapabilities
{
    /// <summary>The first store, from <paramref name="store"/> inwards through its decorators, that offers <typeparamref name="T"/>.</summary>
    public static T? Find<T>(IDataStore store) where T : class
    {
        for (IDataStore? s = store; s is not null; s = (s as IDataStoreWrapper)?.Inner)
            if (s is T capability) return capability;
        return null;
    }
}
