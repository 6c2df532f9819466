# Stream: lazy enumerables. A stream is a function of arity 2,
# fn acc, reducer -> ... end, which Enumerable.reduce/3 calls with the
# {:cont | :halt | :suspend, acc} command (Elixir's Enumerable for
# functions), so a stream is consumed by every Enum function and can be
# suspended half-way (Enum.zip, Stream.zip).
#
# Stateless steps (map, filter ...) wrap the reducer. Stateful steps are
# built on transform/5, which threads the step's own state beside the
# consumer's accumulator and handles halting and suspension once.
defmodule Stream do
  # ---- stateless ------------------------------------------------------

  def map(enum, fun) do
    fn acc, r -> Enumerable.reduce(enum, acc, fn x, a -> r.(fun.(x), a) end) end
  end

  def each(enum, fun) do
    fn acc, r ->
      Enumerable.reduce(enum, acc, fn x, a ->
        fun.(x)
        r.(x, a)
      end)
    end
  end

  def filter(enum, fun) do
    fn acc, r -> Enumerable.reduce(enum, acc, fn x, a -> if fun.(x), do: r.(x, a), else: {:cont, a} end) end
  end

  def reject(enum, fun), do: filter(enum, fn x -> !fun.(x) end)

  def map_every(enum, nth, fun) when is_integer(nth) and nth >= 0 do
    if nth == 0 do
      enum
    else
      transform(enum, 0, fn x, i ->
        {[if(i == 0, do: fun.(x), else: x)], if(i == nth - 1, do: 0, else: i + 1)}
      end)
    end
  end

  # ---- built on transform ---------------------------------------------

  def take(_enum, 0), do: fn {tag, a}, _r -> finish_empty(tag, a) end

  def take(enum, n) when is_integer(n) and n > 0 do
    transform(enum, n, fn
      x, 1 -> {[x], 0, :stop}
      x, k -> {[x], k - 1}
    end)
  end

  def take(enum, n) when is_integer(n), do: fn acc, r -> Enumerable.reduce(Enum.take(enum, n), acc, r) end

  def take_while(enum, fun) do
    transform(enum, nil, fn x, s -> if fun.(x), do: {[x], s}, else: {:halt, s} end)
  end

  def take_every(enum, nth) when is_integer(nth) and nth >= 0 do
    if nth == 0, do: take(enum, 0), else: every(enum, nth, true)
  end

  def drop_every(enum, nth) when is_integer(nth) and nth >= 0 do
    if nth == 0, do: enum, else: every(enum, nth, false)
  end

  defp every(enum, nth, keep) do
    transform(enum, 0, fn x, i ->
      next = if i == nth - 1, do: 0, else: i + 1
      if (i == 0) == keep, do: {[x], next}, else: {[], next}
    end)
  end

  def drop(enum, n) when is_integer(n) and n >= 0 do
    transform(enum, n, fn
      x, 0 -> {[x], 0}
      _x, k -> {[], k - 1}
    end)
  end

  def drop(enum, n) when is_integer(n), do: fn acc, r -> Enumerable.reduce(Enum.drop(enum, n), acc, r) end

  def drop_while(enum, fun) do
    transform(enum, true, fn
      x, true -> if fun.(x), do: {[], true}, else: {[x], false}
      x, false -> {[x], false}
    end)
  end

  def with_index(enum), do: with_index(enum, 0)

  def with_index(enum, offset) when is_integer(offset) do
    transform(enum, offset, fn x, i -> {[{x, i}], i + 1} end)
  end

  def with_index(enum, fun) when is_function(fun, 2) do
    transform(enum, 0, fn x, i -> {[fun.(x, i)], i + 1} end)
  end

  def scan(enum, fun) do
    transform(enum, :first, fn
      x, :first -> {[x], {:acc, x}}
      x, {:acc, a} ->
        a = fun.(x, a)
        {[a], {:acc, a}}
    end)
  end

  def scan(enum, acc, fun) do
    transform(enum, acc, fn x, a ->
      a = fun.(x, a)
      {[a], a}
    end)
  end

  def dedup(enum), do: dedup_by(enum, fn x -> x end)

  def dedup_by(enum, fun) do
    transform(enum, :none, fn x, last ->
      key = fun.(x)

      case last do
        {:key, k} when k === key -> {[], last}
        _ -> {[x], {:key, key}}
      end
    end)
  end

  def uniq(enum), do: uniq_by(enum, fn x -> x end)

  def uniq_by(enum, fun) do
    transform(enum, %{}, fn x, seen ->
      key = fun.(x)
      if :maps.is_key(key, seen), do: {[], seen}, else: {[x], :maps.put(key, true, seen)}
    end)
  end

  def intersperse(enum, sep) do
    transform(enum, false, fn
      x, false -> {[x], true}
      x, true -> {[sep, x], true}
    end)
  end

  def flat_map(enum, fun), do: transform(enum, nil, fn x, s -> {fun.(x), s} end)

  def concat(enums), do: flat_map(enums, fn e -> e end)
  def concat(left, right), do: concat([left, right])

  def chunk_every(enum, count), do: chunk_every(enum, count, count, [])

  def chunk_every(enum, count, step, leftover \\ [])
      when is_integer(count) and count > 0 and is_integer(step) and step > 0 do
    {chunk, after_fun, acc} = Enum.Chunker.every(count, step, leftover)
    chunk_while(enum, acc, chunk, after_fun)
  end

  def chunk_by(enum, fun) do
    {chunk, after_fun} = Enum.Chunker.by(fun)
    chunk_while(enum, nil, chunk, after_fun)
  end

  def chunk_while(enum, acc, chunk_fun, after_fun) do
    transform(
      enum,
      fn -> acc end,
      fn x, a ->
        case chunk_fun.(x, a) do
          {:cont, chunk, a} -> {[chunk], a}
          {:cont, a} -> {[], a}
          {:halt, a} -> {:halt, a}
        end
      end,
      fn a ->
        case after_fun.(a) do
          {:cont, chunk, a} -> {[chunk], a}
          {:cont, a} -> {[], a}
        end
      end,
      fn _ -> :ok end
    )
  end

  # ---- transform ------------------------------------------------------

  def transform(enum, acc, reducer) do
    transform(enum, fn -> acc end, reducer, fn s -> {[], s} end, fn _ -> :ok end)
  end

  def transform(enum, start_fun, reducer, after_fun) do
    transform(enum, start_fun, reducer, fn s -> {[], s} end, after_fun)
  end

  # reducer.(x, state) returns {enumerable, state} (emit its elements),
  # {:halt, state}, or — only inside this library — {enumerable, state,
  # :stop}: emit, then stop without pulling another element (take/2).
  # last_fun runs when the source is exhausted, after_fun whenever the
  # stream ends, however it ends.
  def transform(enum, start_fun, reducer, last_fun, after_fun) do
    fn
      {:halt, a}, _r -> {:halted, a}
      {:suspend, a}, r -> {:suspended, a, fn next -> transform(enum, start_fun, reducer, last_fun, after_fun).(next, r) end}
      {:cont, a}, r -> tr_source(Enumerable.reduce(enum, {:cont, {a, start_fun.()}}, tr_step(reducer, r)), {last_fun, after_fun, r})
    end
  end

  # The source's reducer: the accumulator is {consumer acc, state}; a
  # state of {:stop, s} or {:down, s} says why the source was halted, and
  # {:inner, cont, s, stop?} that the consumer suspended half-way through
  # the elements of one step.
  defp tr_step(reducer, r) do
    fn x, {a, s} ->
      case reducer.(x, s) do
        {:halt, s} -> {:halt, {a, {:stop, s}}}
        {items, s} -> tr_emit(Enumerable.reduce(items, {:cont, a}, r), s, false)
        {items, s, :stop} -> tr_emit(Enumerable.reduce(items, {:cont, a}, r), s, true)
      end
    end
  end

  defp tr_emit({:done, a}, s, false), do: {:cont, {a, s}}
  defp tr_emit({:done, a}, s, true), do: {:halt, {a, {:stop, s}}}
  defp tr_emit({:halted, a}, s, _stop), do: {:halt, {a, {:down, s}}}
  defp tr_emit({:suspended, a, inner}, s, stop), do: {:suspend, {a, {:inner, inner, s, stop}}}

  defp tr_source({:done, {a, s}}, {last_fun, after_fun, r}) do
    {items, s} = last_fun.(s)
    tr_last(Enumerable.reduce(items, {:cont, a}, r), s, after_fun)
  end

  defp tr_source({:halted, {a, {:stop, s}}}, {_last, after_fun, _r}) do
    after_fun.(s)
    {:done, a}
  end

  defp tr_source({:halted, {a, {:down, s}}}, {_last, after_fun, _r}) do
    after_fun.(s)
    {:halted, a}
  end

  defp tr_source({:halted, {a, s}}, {_last, after_fun, _r}) do
    after_fun.(s)
    {:halted, a}
  end

  defp tr_source({:suspended, {a, {:inner, inner, s, stop}}, cont}, funs) do
    {:suspended, a, fn next -> tr_resume(next, inner, s, stop, cont, funs) end}
  end

  defp tr_source({:suspended, {a, s}, cont}, funs) do
    {:suspended, a, fn {tag, a} -> tr_source(cont.({tag, {a, s}}), funs) end}
  end

  defp tr_resume({:halt, a} = next, inner, s, _stop, cont, {_last, after_fun, _r}) do
    inner.(next)
    cont.({:halt, {a, s}})
    after_fun.(s)
    {:halted, a}
  end

  defp tr_resume(next, inner, s, stop, cont, funs) do
    case inner.(next) do
      {:done, a} when stop -> tr_source(cont.({:halt, {a, {:stop, s}}}), funs)
      {:done, a} -> tr_source(cont.({:cont, {a, s}}), funs)
      {:halted, a} -> tr_source(cont.({:halt, {a, {:down, s}}}), funs)
      {:suspended, a, inner} -> {:suspended, a, fn n -> tr_resume(n, inner, s, stop, cont, funs) end}
    end
  end

  defp tr_last({:done, a}, s, after_fun) do
    after_fun.(s)
    {:done, a}
  end

  defp tr_last({:halted, a}, s, after_fun) do
    after_fun.(s)
    {:halted, a}
  end

  defp tr_last({:suspended, a, inner}, s, after_fun) do
    {:suspended, a, fn next -> tr_last(inner.(next), s, after_fun) end}
  end

  defp finish_empty(:halt, a), do: {:halted, a}
  defp finish_empty(_tag, a), do: {:done, a}

  # ---- sources --------------------------------------------------------

  def unfold(acc, fun), do: fn cmd, r -> unfold_loop(acc, fun, cmd, r) end

  defp unfold_loop(_s, _fun, {:halt, a}, _r), do: {:halted, a}
  defp unfold_loop(s, fun, {:suspend, a}, r), do: {:suspended, a, fn n -> unfold_loop(s, fun, n, r) end}

  defp unfold_loop(s, fun, {:cont, a}, r) do
    case fun.(s) do
      nil -> {:done, a}
      {x, s} -> unfold_loop(s, fun, r.(x, a), r)
    end
  end

  def iterate(start, fun) do
    unfold({:first, start}, fn
      {:first, x} -> {x, x}
      x ->
        x = fun.(x)
        {x, x}
    end)
  end

  def repeatedly(fun), do: unfold(nil, fn s -> {fun.(), s} end)

  def duplicate(value, n) when is_integer(n) and n >= 0 do
    unfold(n, fn
      0 -> nil
      k -> {value, k - 1}
    end)
  end

  def cycle(enum) do
    case Enum.to_list(enum) do
      [] -> raise ArgumentError, "cannot cycle over an empty enumerable"
      list -> unfold(list, fn
        [x] -> {x, list}
        [x | t] -> {x, t}
      end)
    end
  end

  def resource(start_fun, next_fun, after_fun) do
    fn
      {:halt, a}, _r -> {:halted, a}
      {:suspend, a}, r -> {:suspended, a, fn n -> resource(start_fun, next_fun, after_fun).(n, r) end}
      cmd, r -> res_loop(start_fun.(), next_fun, after_fun, cmd, r)
    end
  end

  defp res_loop(res, _next, after_fun, {:halt, a}, _r) do
    after_fun.(res)
    {:halted, a}
  end

  defp res_loop(res, next, after_fun, {:suspend, a}, r) do
    {:suspended, a, fn n -> res_loop(res, next, after_fun, n, r) end}
  end

  defp res_loop(res, next, after_fun, {:cont, a}, r) do
    case next.(res) do
      {:halt, res} ->
        after_fun.(res)
        {:done, a}

      {items, res} ->
        res_items(Enumerable.reduce(items, {:cont, a}, r), res, next, after_fun, r)
    end
  end

  defp res_items({:done, a}, res, next, after_fun, r), do: res_loop(res, next, after_fun, {:cont, a}, r)

  defp res_items({:halted, a}, res, _next, after_fun, _r) do
    after_fun.(res)
    {:halted, a}
  end

  defp res_items({:suspended, a, inner}, res, next, after_fun, r) do
    {:suspended, a,
     fn
       {:halt, _} = n ->
         inner.(n)
         res_loop(res, next, after_fun, n, r)

       n -> res_items(inner.(n), res, next, after_fun, r)
     end}
  end

  # 0, 1, 2 ... one every n milliseconds, the first after n.
  def interval(n) when is_integer(n) and n >= 0 do
    unfold(0, fn count ->
      Process.sleep(n)
      {count, count + 1}
    end)
  end

  # A single 0 after n milliseconds.
  def timer(n) when is_integer(n) and n >= 0, do: take(interval(n), 1)

  # ---- zipping --------------------------------------------------------

  def zip(left, right), do: zip([left, right])
  def zip(enums), do: zip_with(enums, fn xs -> :erlang.list_to_tuple(xs) end)

  def zip_with(left, right, fun), do: zip_with([left, right], fn [a, b] -> fun.(a, b) end)

  # Each enumerable is pulled one element at a time by suspending its
  # reduce after every element.
  def zip_with(enums, fun) do
    fn cmd, r ->
      starts = Enum.map(enums, fn e -> fn c -> Enumerable.reduce(e, c, fn x, _ -> {:suspend, x} end) end end)
      zip_loop(starts, fun, cmd, r)
    end
  end

  defp zip_loop(conts, _fun, {:halt, a}, _r) do
    halt_all(conts)
    {:halted, a}
  end

  defp zip_loop(conts, fun, {:suspend, a}, r), do: {:suspended, a, fn n -> zip_loop(conts, fun, n, r) end}

  defp zip_loop(conts, fun, {:cont, a}, r) do
    case pull(conts, [], []) do
      {:ok, xs, conts} -> zip_loop(conts, fun, r.(fun.(xs), a), r)
      :done -> {:done, a}
    end
  end

  defp pull([], xs, conts), do: {:ok, :lists.reverse(xs), :lists.reverse(conts)}

  defp pull([c | rest], xs, conts) do
    case c.({:cont, nil}) do
      {:suspended, x, next} ->
        pull(rest, [x | xs], [next | conts])

      _ ->
        halt_all(conts)
        halt_all(rest)
        :done
    end
  end

  defp halt_all(conts), do: Enum.each(conts, fn c -> c.({:halt, nil}) end)

  # ---- running --------------------------------------------------------

  def run(stream) do
    Enumerable.reduce(stream, {:cont, nil}, fn _, _ -> {:cont, nil} end)
    :ok
  end
end
