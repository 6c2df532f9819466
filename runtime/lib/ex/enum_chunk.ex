# Enum.Chunker: the chunk_while functions behind chunk_every and chunk_by,
# shared by Enum (eager) and Stream (lazy) so the two cannot drift apart.
defmodule Enum.Chunker do
  # chunk_every(count, step, leftover): the state holds the last elements
  # (newest first) and their number; a chunk is emitted when count
  # elements are buffered, and once max(count, step) are, the buffer
  # keeps only what the next chunk shares with this one. Returns
  # {chunk_fun, after_fun, initial_acc}.
  def every(count, step, leftover) do
    limit = :erlang.max(count, step)

    chunk = fn x, {buf, n} ->
      buf = [x | buf]
      n = n + 1
      next = if n >= limit, do: {:lists.sublist(buf, n - step), n - step}, else: {buf, n}
      if n == count, do: {:cont, :lists.reverse(buf), next}, else: {:cont, next}
    end

    after_fun = fn {buf, n} ->
      if leftover == :discard or n == 0 or n >= count do
        {:cont, {[], 0}}
      else
        {:cont, :lists.reverse(buf, Enum.take(leftover, count - n)), {[], 0}}
      end
    end

    {chunk, after_fun, {[], 0}}
  end

  # chunk_by(fun): a new chunk whenever fun's value changes (compared
  # with ===). Returns {chunk_fun, after_fun}; the initial acc is nil.
  def by(fun) do
    chunk = fn
      x, nil ->
        {:cont, {[x], fun.(x)}}

      x, {buf, key} ->
        k = fun.(x)
        if k === key, do: {:cont, {[x | buf], key}}, else: {:cont, :lists.reverse(buf), {[x], k}}
    end

    after_fun = fn
      nil -> {:cont, nil}
      {buf, _} -> {:cont, :lists.reverse(buf), nil}
    end

    {chunk, after_fun}
  end
end
