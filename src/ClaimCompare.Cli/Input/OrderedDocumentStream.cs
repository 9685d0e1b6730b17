using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Input;

/// <summary>Where a reader hands the documents it reads (see <see cref="OrderedDocumentStream.Run"/>).</summary>
internal interface IDocumentSink
{
    /// <summary>
    /// Waits, before a document of about <paramref name="size"/> characters (a file's size in bytes: never fewer than
    /// its characters) is read, until there is room for it in flight; the room is held for the next <see cref="Add"/>.
    /// </summary>
    void Reserve(long size);

    /// <summary>Hands a document on; waits while the window is full or the document does not fit in the room left.</summary>
    void Add(SourceDocument document);
}

/// <summary>
/// Reads documents on one thread, works on them on a fixed set of worker threads (one per core), and hands the results
/// back in input order, with at most <c>window</c> documents and <c>budget</c> characters of text in flight, so memory is
/// bounded by the largest document rather than by the input.
/// </summary>
/// <remarks>
/// <para>Documents are independent, so the output is the same whatever order the workers finish in: results are taken
/// in the order the documents were read. The window bounds both the read-ahead and the results waiting for a slow
/// document in front of them.</para>
/// <para>The workers are long-running threads that block on one monitor when there is nothing to do, rather than a task
/// per document on the thread pool: with thousands of small documents the pool's workers spun between items (about
/// 550,000 <c>sched_yield</c> calls for 8,590 files in <c>split</c>), which cost more CPU than the work itself.</para>
/// <para>Hand-offs are batched where waiting allows it: a worker takes its share of a long queue (up to 8 documents) and
/// hands their results back under one lock, a waiting consumer is woken for 16 results in order (or for all that were
/// read, so a slow input still streams), and a reader blocked on a full window goes on once half of it is free.</para>
/// <para>A document counts in flight, by the length of its text, from when the reader asks for room for it
/// (<see cref="IDocumentSink.Reserve"/>, before it decodes the file) until the consumer is done with its result. A
/// document that does not fit in the room left waits; one larger than the whole budget waits until nothing else is in
/// flight, and nothing is read while it is. So two huge documents are never held at once: the next is decoded only once
/// the consumer has let the last one go. No thread keeps a reference to a document it is done with (the reader pushes,
/// the workers and the consumer handle each result in a frame of its own), so by then the last one is garbage.</para>
/// </remarks>
internal static class OrderedDocumentStream
{
    /// <summary>Milliseconds between calls of the idle callback while the consumer waits.</summary>
    public const int IdleInterval = 100;

    /// <summary>The most documents a worker takes from the queue at once.</summary>
    private const int WorkerBatch = 8;

    /// <summary>How many results in order a waiting consumer is woken for (fewer when no more are read).</summary>
    private const int ConsumerBatch = 16;

    /// <summary>Characters of text in flight by default: 8 M (16 MB of text), far more than a window of news articles.</summary>
    public const long DefaultBudget = 8 * 1024 * 1024;

    /// <summary>
    /// Runs <paramref name="load"/> (which calls its argument once per document) on a reader thread, <paramref name="work"/>
    /// on each document in parallel, and <paramref name="consume"/> on the results in input order on the calling thread.
    /// </summary>
    /// <param name="load">Reads the documents, handing each to its argument (and asking it for room before reading a large one).</param>
    /// <param name="work">The work on one document; runs on a worker thread.</param>
    /// <param name="consume">Takes the results in input order, on the calling thread.</param>
    /// <param name="window">The most documents read but not yet consumed.</param>
    /// <param name="idle">Called on the calling thread when the next result is not ready yet and the consumer is about
    /// to wait, and again every <see cref="IdleInterval"/> ms while it waits (the place to flush buffered output, so a
    /// slow input still shows its results).</param>
    /// <param name="workers">Worker threads; the number of cores when not given.</param>
    /// <param name="budget">The most characters of text in flight (read, or room asked for, and not yet consumed), except
    /// that a larger document is let in alone; <see cref="DefaultBudget"/> when not given.</param>
    /// <param name="consumerLetsGo">Whether <paramref name="consume"/> keeps nothing of a document (as <c>split</c>): then,
    /// before a document larger than the budget is read, a blocking collection returns the memory of the ones before it.
    /// A consumer that keeps every document (<c>report</c>) would only pay for a collection of a large heap.</param>
    /// <returns>What <paramref name="load"/> returned.</returns>
    public static TLoad Run<TLoad, TResult>(
        Func<IDocumentSink, TLoad> load,
        Func<SourceDocument, TResult> work,
        Action<TResult> consume,
        int window,
        Action? idle = null,
        int workers = 0,
        long budget = DefaultBudget,
        bool consumerLetsGo = false)
    {
        var count = workers > 0 ? workers : Math.Max(1, Environment.ProcessorCount);
        using var state = new State<TResult>(Math.Max(1, window), count, Math.Max(1, budget), consumerLetsGo, work);
        TLoad loaded = default!;
        Exception? readerFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                loaded = load(state);
            }
            catch (OperationCanceledException) when (state.Stopped)
            {
                // The consumer failed (its error is the one reported).
            }
            catch (Exception e)
            {
                readerFailure = e;
            }
            finally
            {
                state.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "claimcompare reader",
        };

        var threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            threads[i] = new Thread(state.Work) { IsBackground = true, Name = "claimcompare worker" };
            threads[i].Start();
        }

        reader.Start();
        try
        {
            // The result is taken and consumed in a frame of its own, which is gone when its room is given back.
            while (TakeAndConsume(state, idle, consume, out var size))
            {
                state.Release(size);
            }
        }
        catch
        {
            state.Stop();
            reader.Join();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            throw;
        }

        reader.Join();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (readerFailure is not null)
        {
            ExceptionDispatchInfo.Throw(readerFailure);
        }

        return loaded;
    }

    /// <summary>Takes the next result in order and consumes it; false when there are no more.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TakeAndConsume<TResult>(State<TResult> state, Action? idle, Action<TResult> consume, out long size)
    {
        if (!state.TryTake(idle, out var result, out size))
        {
            return false;
        }

        consume(result);
        return true;
    }

    /// <summary>
    /// The queue of documents to work on (under one lock, which the workers wait on), the ring of results (under another,
    /// which the consumer waits on) and a semaphore of free places in the window (which the reader waits on): each kind
    /// of thread is woken only for what it waits for, and only when it is waiting.
    /// </summary>
    private sealed class State<TResult>(int window, int workers, long budget, bool collectBeforeHuge, Func<SourceDocument, TResult> work) : IDisposable, IDocumentSink
    {
        private readonly object _queueLock = new();
        private readonly Queue<(long Sequence, SourceDocument Document)> _queue = new();
        private readonly object _resultLock = new();
        private readonly TResult[] _results = new TResult[window];
        private readonly ExceptionDispatchInfo?[] _failures = new ExceptionDispatchInfo?[window];
        private readonly bool[] _ready = new bool[window];
        private readonly long[] _sizes = new long[window];
        private readonly object _windowLock = new();
        private readonly CancellationTokenSource _stop = new();
        private int _inFlight;
        private long _weight;
        private long _reserved;
        private bool _readerWaiting;
        private bool _readerWaitsForWindow;
        private long _readerSize;
        private long _added;
        private long _total = -1;
        private long _taken;
        private int _idleWorkers;
        private bool _consumerWaiting;
        private bool _complete;

        public bool Stopped => _stop.IsCancellationRequested;

        /// <inheritdoc />
        public void Reserve(long size)
        {
            lock (_windowLock)
            {
                // Room asked for earlier that no document took (a file that turned out empty or unreadable) goes back first.
                _weight -= _reserved;
                _reserved = 0;
                WaitForRoom(size, forWindow: false);
                _weight += size;
                _reserved = size;
            }

            if (collectBeforeHuge && size > budget)
            {
                // A document larger than the budget comes alone: everything before it is gone, the last huge one
                // included, but the GC would collect that only after the new one's text is allocated (a folder of four
                // 64 MB files then peaked at 499 MB instead of 211). A blocking collection of what is by now a small heap
                // costs a few milliseconds against the seconds the document takes.
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            }
        }

        /// <summary>Queues a document; blocks while <c>window</c> documents are in flight or its text does not fit.</summary>
        public void Add(SourceDocument document)
        {
            long size = document.Text.Length;
            lock (_windowLock)
            {
                // The room asked for before the document was read becomes its own (its text is never longer than its file).
                _weight -= _reserved;
                _reserved = 0;
                WaitForRoom(size, forWindow: true);
                _inFlight++;
                _weight += size;
            }

            lock (_queueLock)
            {
                _queue.Enqueue((_added++, document));
                if (_idleWorkers > 0)
                {
                    Monitor.Pulse(_queueLock);
                }
            }
        }

        /// <summary>Called under the window lock: waits until <paramref name="size"/> fits (and a place in the window is free).</summary>
        private void WaitForRoom(long size, bool forWindow)
        {
            while (((forWindow && _inFlight >= window) || !Fits(size)) && !Stopped)
            {
                _readerWaiting = true;
                _readerWaitsForWindow = forWindow && _inFlight >= window;
                _readerSize = size;
                Monitor.Wait(_windowLock);
                _readerWaiting = false;
            }

            _stop.Token.ThrowIfCancellationRequested();
        }

        /// <summary>Whether a document of <paramref name="size"/> characters fits now: within the budget, or alone.</summary>
        private bool Fits(long size) => _weight <= 0 || _weight + size <= budget;

        /// <summary>The consumer is done with a result: its place in the window and its room go back.</summary>
        public void Release(long size)
        {
            lock (_windowLock)
            {
                _inFlight--;
                _weight -= size;
                // The reader goes on once half the window is free, not at every document taken.
                if (_readerWaiting && Fits(_readerSize) && (!_readerWaitsForWindow || _inFlight <= window / 2))
                {
                    Monitor.Pulse(_windowLock);
                }
            }
        }

        /// <summary>No more documents (called on the reader thread).</summary>
        public void CompleteAdding()
        {
            lock (_queueLock)
            {
                _complete = true;
                Monitor.PulseAll(_queueLock);
            }

            lock (_resultLock)
            {
                _total = _added;
                Monitor.PulseAll(_resultLock);
            }
        }

        public void Stop()
        {
            _stop.Cancel();
            lock (_queueLock)
            {
                _queue.Clear();
                Monitor.PulseAll(_queueLock);
            }

            lock (_windowLock)
            {
                Monitor.PulseAll(_windowLock);
            }
        }

        /// <summary>
        /// A worker: takes documents until the reader is done and the queue is empty, several at a time when the queue is
        /// long (its share of the queue, at most <see cref="WorkerBatch"/>), and hands their results back under one lock.
        /// </summary>
        /// <remarks>Taking and handing back one document at a time made the two locks the busiest thing in the process
        /// on thousands of small documents: under a sampling profiler the workers and the reader spent about as long
        /// contending for them as splitting text.</remarks>
        public void Work()
        {
            var batch = new List<(long Sequence, SourceDocument Document)>(WorkerBatch);
            var results = new List<(TResult Result, ExceptionDispatchInfo? Failure)>(WorkerBatch);
            // Taking, working on and handing back each run in a frame of their own: this loop, which waits for the next
            // batch, holds no document, not even in a temporary that the JIT reports for the whole method (a dequeued
            // document kept that way stayed alive while the next huge one was decoded).
            while (TakeBatch(batch))
            {
                WorkOn(batch, results);
                HandBack(batch, results);
            }
        }

        /// <summary>Waits for documents and takes a batch of them; false when there are no more.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private bool TakeBatch(List<(long Sequence, SourceDocument Document)> batch)
        {
            lock (_queueLock)
            {
                while (_queue.Count == 0 && !_complete && !Stopped)
                {
                    _idleWorkers++;
                    Monitor.Wait(_queueLock);
                    _idleWorkers--;
                }

                if (Stopped || _queue.Count == 0)
                {
                    return false;
                }

                var take = Math.Clamp(_queue.Count / workers, 1, WorkerBatch);
                for (var i = 0; i < take; i++)
                {
                    batch.Add(_queue.Dequeue());
                }

                return true;
            }
        }

        /// <summary>Hands a batch's results back in their places, emptying <paramref name="batch"/> and <paramref name="results"/>
        /// (and wakes the consumer when it has enough to do).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void HandBack(List<(long Sequence, SourceDocument Document)> batch, List<(TResult Result, ExceptionDispatchInfo? Failure)> results)
        {
            lock (_resultLock)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var slot = (int)(batch[i].Sequence % window);
                    _results[slot] = results[i].Result;
                    _failures[slot] = results[i].Failure;
                    _sizes[slot] = batch[i].Document.Text.Length;
                    _ready[slot] = true;
                }

                // Emptied before the consumer can take these results, so that once it is done with one nothing holds it.
                batch.Clear();
                results.Clear();

                if (_consumerWaiting && ShouldWakeConsumer())
                {
                    Monitor.Pulse(_resultLock);
                }
            }
        }

        /// <summary>Works on a batch (in a frame of its own, see <see cref="Work"/>).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WorkOn(List<(long Sequence, SourceDocument Document)> batch, List<(TResult Result, ExceptionDispatchInfo? Failure)> results)
        {
            foreach (var item in batch)
            {
                TResult result = default!;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    result = work(item.Document);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }

                results.Add((result, failure));
            }
        }

        /// <summary>
        /// Whether the waiting consumer has enough to do (called under the result lock): the next result in order and the
        /// <see cref="ConsumerBatch"/> after it are ready, or every document read so far is. Waking it for each document
        /// cost two context switches a document (a futex wait and wake) for work of a few microseconds.
        /// </summary>
        private bool ShouldWakeConsumer()
        {
            var next = _taken;
            var stop = Math.Min(Volatile.Read(ref _added), next + Math.Min(ConsumerBatch, window));
            while (next < stop && _ready[(int)(next % window)])
            {
                next++;
            }

            // Read but not finished documents remain before the batch is whole: let the workers finish more first.
            return next > _taken && (next - _taken >= Math.Min(ConsumerBatch, window) || next == Volatile.Read(ref _added));
        }

        /// <summary>The next result in input order and the size of its document (for <see cref="Release"/>); false when
        /// every document has been taken.</summary>
        public bool TryTake(Action? idle, out TResult result, out long size)
        {
            ExceptionDispatchInfo? failure;
            lock (_resultLock)
            {
                var idleCalled = false;
                int slot;
                while (true)
                {
                    slot = (int)(_taken % window);
                    if (_ready[slot])
                    {
                        break;
                    }

                    if (_total == _taken)
                    {
                        result = default!;
                        size = 0;
                        return false;
                    }

                    if (idle is not null && !idleCalled)
                    {
                        // Flush outside the lock, then look again before waiting.
                        idleCalled = true;
                        Monitor.Exit(_resultLock);
                        try
                        {
                            idle();
                        }
                        finally
                        {
                            Monitor.Enter(_resultLock);
                        }

                        continue;
                    }

                    // Timed, so that idle runs again while a slow document holds the line up.
                    _consumerWaiting = true;
                    Monitor.Wait(_resultLock, IdleInterval);
                    _consumerWaiting = false;
                    idleCalled = false;
                }

                result = _results[slot];
                failure = _failures[slot];
                size = _sizes[slot];
                _results[slot] = default!;
                _failures[slot] = null;
                _ready[slot] = false;
                _taken++;
            }

            failure?.Throw();
            return true;
        }

        public void Dispose() => _stop.Dispose();
    }
}
