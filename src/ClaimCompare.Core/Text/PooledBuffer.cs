using System.Buffers;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Text;

/// <summary>A growable buffer rented from <see cref="ArrayPool{T}"/>; the caller must <see cref="Dispose"/> it.</summary>
/// <remarks>
/// A mutable struct handed around by <c>ref</c>, like Markdig's <c>ValueStringBuilder</c>: the text
/// pipeline builds one normalised copy of each document and a handful of span lists, and renting
/// keeps those off the GC heap when a long-lived pipeline processes many documents.
/// <para>Buffers of more than <see cref="LargeLength"/> items are allocated at their exact size and left to the GC
/// instead: the shared pool rounds a request up to a power of two (a 17 M-character document would take a 32 M-character
/// array) and keeps what it is given back, so one huge document would pin twice its size for the rest of the process.</para>
/// </remarks>
internal struct PooledBuffer<T> : IDisposable
{
    /// <summary>The largest buffer, in items, taken from and returned to the shared pool.</summary>
    public const int LargeLength = 1024 * 1024;

    private T[] _items;
    private int _count;

    public PooledBuffer(int capacity)
    {
        _items = capacity == 0 ? [] : Allocate(capacity);
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly Span<T> AsSpan() => _items.AsSpan(0, _count);

    public readonly ref T this[int index] => ref _items[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Grow(1);
        }

        _items[_count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (_items.Length - _count < items.Length)
        {
            Grow(items.Length);
        }

        items.CopyTo(_items.AsSpan(_count));
        _count += items.Length;
    }

    /// <summary>Reserves <paramref name="length"/> items at the end and returns them for writing.</summary>
    public Span<T> AppendSpan(int length)
    {
        if (_items.Length - _count < length)
        {
            Grow(length);
        }

        var span = _items.AsSpan(_count, length);
        _count += length;
        return span;
    }

    /// <summary>Drops the first <paramref name="count"/> items (at most <see cref="Count"/>), moving the rest to the front.</summary>
    public void RemoveFirst(int count)
    {
        _items.AsSpan(count, _count - count).CopyTo(_items);
        _count -= count;
    }

    /// <summary>Drops items from the end; <paramref name="count"/> must not exceed <see cref="Count"/>.</summary>
    public void Shrink(int count) => _count -= count;

    public void Dispose()
    {
        var items = _items;
        _items = [];
        _count = 0;
        Release(items);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int additional)
    {
        var required = (long)_count + additional;
        // A large buffer grows by a quarter, not double: a 16 M-character document whose normalised text comes out a few
        // characters longer ("…" becomes "...") would otherwise take a second 64 MB for 32.
        var grown = _items.Length > LargeLength ? _items.Length + (_items.Length / 4L) : 2L * _items.Length;
        var size = (int)Math.Min(Array.MaxLength, Math.Max(required, Math.Max(16L, grown)));
        var larger = Allocate(size);
        _items.AsSpan(0, _count).CopyTo(larger);
        var old = _items;
        _items = larger;
        Release(old);
    }

    private static T[] Allocate(int length) =>
        length > LargeLength ? GC.AllocateUninitializedArray<T>(length) : ArrayPool<T>.Shared.Rent(length);

    private static void Release(T[] items)
    {
        // A large array was allocated exactly (never a pool size) and is left to the GC.
        if (items.Length > 0 && items.Length <= LargeLength)
        {
            ArrayPool<T>.Shared.Return(items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
