using System.Buffers;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Text;

/// <summary>A growable buffer rented from <see cref="ArrayPool{T}"/>; the caller must <see cref="Dispose"/> it.</summary>
/// <remarks>
/// A mutable struct handed around by <c>ref</c>, like Markdig's <c>ValueStringBuilder</c>: the text
/// pipeline builds one normalised copy of each document and a handful of span lists, and renting
/// keeps those off the GC heap when a long-lived pipeline processes many documents.
/// </remarks>
internal struct PooledBuffer<T> : IDisposable
{
    private T[] _items;
    private int _count;

    public PooledBuffer(int capacity)
    {
        _items = capacity == 0 ? [] : ArrayPool<T>.Shared.Rent(capacity);
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

    /// <summary>Drops items from the end; <paramref name="count"/> must not exceed <see cref="Count"/>.</summary>
    public void Shrink(int count) => _count -= count;

    public void Dispose()
    {
        var items = _items;
        _items = [];
        _count = 0;
        if (items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int additional)
    {
        var required = (long)_count + additional;
        var size = (int)Math.Min(Array.MaxLength, Math.Max(required, Math.Max(16L, 2L * _items.Length)));
        var larger = ArrayPool<T>.Shared.Rent(size);
        _items.AsSpan(0, _count).CopyTo(larger);
        var old = _items;
        _items = larger;
        if (old.Length > 0)
        {
            ArrayPool<T>.Shared.Return(old, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
