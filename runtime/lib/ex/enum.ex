# Enum: eager functions over any enumerable (see enumerable.ex for the
# shapes). Lists take direct recursive paths, because they are by far the
# commonest input; every other shape goes through Enumerable.reduce/3 or is
# first turned into a list with to_list/1. Results, their order and the
# errors raised follow Elixir 1.14.
defmodule Enum do
  # ---- reducing -------------------------------------------------------

  def reduce(list, acc, fun) when is_list(list), do: reduce_list(list, acc, fun)

  def reduce(%{__struct__: Range, first: f, last: l, step: s}, acc, fun) do
    reduce_range(f, l, s, acc, fun)
  end

  def reduce(%{__struct__: _} = enum, acc, fun), do: reduce_enumerable(enum, acc, fun)
  def reduce(map, acc, fun) when is_map(map), do: reduce_list(__fold_list__(map), acc, fun)
  def reduce(enum, acc, fun), do: reduce_enumerable(enum, acc, fun)

  defp reduce_enumerable(enum, acc, fun) do
    {:done, result} = Enumerable.reduce(enum, {:cont, acc}, fn x, a -> {:cont, fun.(x, a)} end)
    result
  end

  def reduce(enum, fun) do
    case to_list(enum) do
      [h | t] -> reduce_list(t, h, fun)
      [] -> raise Enum.EmptyError
    end
  end

  defp reduce_list([], acc, _fun), do: acc
  defp reduce_list([h | t], acc, fun), do: reduce_list(t, fun.(h, acc), fun)

  defp reduce_range(f, l, s, acc, fun) when (s > 0 and f <= l) or (s < 0 and f >= l) do
    reduce_range(f + s, l, s, fun.(f, acc), fun)
  end

  defp reduce_range(_f, _l, _s, acc, _fun), do: acc

  def reduce_while(enum, acc, fun) do
    :erlang.element(2, Enumerable.reduce(enum, {:cont, acc}, fun))
  end

  # Reduces until fun returns {:halt, acc}: the building block of the
  # functions that may stop early (find, take, any? ...).
  defp halting(enum, acc, fun), do: :erlang.element(2, Enumerable.reduce(enum, {:cont, acc}, fun))

  # The elements in the order Enum.reduce/3 visits them. That is
  # to_list order except for a plain map, which Elixir 1.14 reduces with
  # :maps.fold, and OTP 25 folds a map of more than 32 keys (a hashed
  # map) in the reverse of :maps.to_list order. `for` generators use it.
  def __fold_list__(%{__struct__: _} = enum), do: to_list(enum)

  def __fold_list__(map) when is_map(map) do
    if map_size(map) > 32, do: :lists.reverse(:maps.to_list(map)), else: :maps.to_list(map)
  end

  def __fold_list__(enum), do: to_list(enum)

  def to_list(list) when is_list(list), do: list
  def to_list(%{__struct__: Range, first: f, last: l, step: s}), do: range_list(f, l, s)
  def to_list(%{__struct__: MapSet, map: map}), do: :maps.keys(map)
  def to_list(%{__struct__: _} = enum), do: :lists.reverse(reverse(enum))
  def to_list(map) when is_map(map), do: :maps.to_list(map)
  def to_list(enum), do: :lists.reverse(reverse(enum))

  # :lists.seq/3 builds the list in C; it is only called on non-empty
  # ranges, which it accepts whatever the step's sign.
  defp range_list(f, l, s) do
    case Enumerable.range_size(f, l, s) do
      0 -> []
      n -> :lists.seq(f, f + (n - 1) * s, s)
    end
  end

  # ---- mapping and filtering ------------------------------------------

  def map(list, fun) when is_list(list), do: map_list(list, fun)

  def map(%{__struct__: Range, first: f, last: l, step: s}, fun) do
    map_range(f, l, s, fun, [])
  end

  def map(enum, fun), do: :lists.reverse(reduce(enum, [], fn x, acc -> [fun.(x) | acc] end))

  # A range's elements in order, without a closure call per element.
  defp map_range(f, l, s, fun, acc) when (s > 0 and f <= l) or (s < 0 and f >= l) do
    map_range(f + s, l, s, fun, [fun.(f) | acc])
  end

  defp map_range(_f, _l, _s, _fun, acc), do: :lists.reverse(acc)

  # The list helpers below build in an accumulator and reverse: constant
  # stack depth whatever the length of the list.
  defp map_list(list, fun), do: map_acc(list, fun, [])

  defp map_acc([], _fun, acc), do: :lists.reverse(acc)
  defp map_acc([h | t], fun, acc), do: map_acc(t, fun, [fun.(h) | acc])

  def each(enum, fun) do
    reduce(enum, nil, fn x, _ -> fun.(x) end)
    :ok
  end

  def filter(list, fun) when is_list(list), do: filter_list(list, fun)
  def filter(enum, fun), do: filter_list(__fold_list__(enum), fun)

  defp filter_list(list, fun), do: filter_acc(list, fun, [])

  defp filter_acc([], _fun, acc), do: :lists.reverse(acc)

  defp filter_acc([h | t], fun, acc) do
    if fun.(h), do: filter_acc(t, fun, [h | acc]), else: filter_acc(t, fun, acc)
  end

  def reject(enum, fun), do: filter_list(__fold_list__(enum), fn x -> !fun.(x) end)

  def flat_map(enum, fun) do
    enum
    |> reduce([], fn x, acc -> :lists.reverse(to_list(fun.(x)), acc) end)
    |> :lists.reverse()
  end

  def map_every(enum, nth, fun) when is_integer(nth) and nth >= 0 do
    list = __fold_list__(enum)
    if nth == 0, do: list, else: map_every_list(list, nth, 0, fun)
  end

  defp map_every_list([], _nth, _i, _fun), do: []
  defp map_every_list([h | t], nth, 0, fun), do: [fun.(h) | map_every_list(t, nth, nth - 1, fun)]
  defp map_every_list([h | t], nth, i, fun), do: [h | map_every_list(t, nth, i - 1, fun)]

  def map_intersperse(enum, sep, fun), do: intersperse(map(enum, fun), sep)

  def map_reduce(enum, acc, fun) do
    {list, acc} =
      reduce(enum, {[], acc}, fn x, {l, a} ->
        {y, a} = fun.(x, a)
        {[y | l], a}
      end)

    {:lists.reverse(list), acc}
  end

  def flat_map_reduce(enum, acc, fun) do
    {out, acc} =
      halting(enum, {[], acc}, fn x, {out, a} ->
        case fun.(x, a) do
          {:halt, a} -> {:halt, {out, a}}
          {items, a} -> {:cont, {:lists.reverse(to_list(items), out), a}}
        end
      end)

    {:lists.reverse(out), acc}
  end

  def scan(enum, fun) do
    case __fold_list__(enum) do
      [] -> []
      [h | t] -> [h | scan_list(t, h, fun)]
    end
  end

  def scan(enum, acc, fun), do: scan_list(__fold_list__(enum), acc, fun)

  defp scan_list(list, acc, fun) do
    {out, _} =
      map_reduce(list, acc, fn x, a ->
        a = fun.(x, a)
        {a, a}
      end)

    out
  end

  def with_index(enum), do: with_index(enum, 0)

  def with_index(enum, offset) when is_integer(offset) do
    {list, _} = map_reduce(enum, offset, fn x, i -> {{x, i}, i + 1} end)
    list
  end

  def with_index(enum, fun) when is_function(fun, 2) do
    {list, _} = map_reduce(enum, 0, fn x, i -> {fun.(x, i), i + 1} end)
    list
  end

  def intersperse(enum, sep) do
    case __fold_list__(enum) do
      [] -> []
      [h | t] -> intersperse_list(t, sep, [h])
    end
  end

  defp intersperse_list([], _sep, acc), do: :lists.reverse(acc)
  defp intersperse_list([h | t], sep, acc), do: intersperse_list(t, sep, [h, sep | acc])

  # Each enumerable reduced in turn, as Elixir does (a map in fold order).
  def concat(enums) do
    enums
    |> reduce([], fn e, acc -> reduce(e, acc, fn x, a -> [x | a] end) end)
    |> :lists.reverse()
  end
  def concat(left, right) when is_list(left) and is_list(right), do: left ++ right
  def concat(left, right), do: __fold_list__(left) ++ __fold_list__(right)

  # ---- counting and aggregates ----------------------------------------

  def count(enum) do
    case Enumerable.count(enum) do
      {:ok, n} -> n
      {:error, _} -> reduce(enum, 0, fn _, n -> n + 1 end)
    end
  end

  def count(enum, fun), do: reduce(enum, 0, fn x, n -> if fun.(x), do: n + 1, else: n end)

  def count_until(enum, limit) when is_integer(limit) and limit > 0 do
    halting(enum, 0, fn _, n -> if n + 1 >= limit, do: {:halt, n + 1}, else: {:cont, n + 1} end)
  end

  def count_until(enum, fun, limit) when is_integer(limit) and limit > 0 do
    halting(enum, 0, fn x, n ->
      n = if fun.(x), do: n + 1, else: n
      if n >= limit, do: {:halt, n}, else: {:cont, n}
    end)
  end

  def sum(%{__struct__: Range, first: f, last: l, step: s}) do
    case Enumerable.range_size(f, l, s) do
      0 -> 0
      n -> div((f + f + (n - 1) * s) * n, 2)
    end
  end

  def sum(enum), do: reduce(enum, 0, fn x, acc -> acc + x end)

  def product(enum), do: reduce(enum, 1, fn x, acc -> acc * x end)

  def frequencies(enum) do
    reduce(enum, %{}, fn x, acc ->
      case :maps.find(x, acc) do
        {:ok, n} -> :maps.put(x, n + 1, acc)
        :error -> :maps.put(x, 1, acc)
      end
    end)
  end

  def frequencies_by(enum, key_fun), do: frequencies(map(enum, key_fun))

  def group_by(enum, key_fun), do: group_by(enum, key_fun, fn x -> x end)

  def group_by(enum, key_fun, value_fun) do
    enum
    |> __fold_list__()
    |> :lists.reverse()
    |> reduce_list(%{}, fn x, acc ->
      key = key_fun.(x)
      value = value_fun.(x)

      case :maps.find(key, acc) do
        {:ok, list} -> :maps.put(key, [value | list], acc)
        :error -> :maps.put(key, [value], acc)
      end
    end)
  end

  # ---- min / max ------------------------------------------------------

  defp empty_error, do: fn -> raise Enum.EmptyError end

  def max(enum), do: max(enum, fn a, b -> a >= b end, empty_error())
  def max(enum, empty) when is_function(empty, 0), do: max(enum, fn a, b -> a >= b end, empty)
  def max(enum, sorter), do: max(enum, sorter, empty_error())
  def max(enum, sorter, empty), do: pick(enum, fn x -> x end, to_sorter(sorter, :max), empty)

  def min(enum), do: min(enum, fn a, b -> a <= b end, empty_error())
  def min(enum, empty) when is_function(empty, 0), do: min(enum, fn a, b -> a <= b end, empty)
  def min(enum, sorter), do: min(enum, sorter, empty_error())
  def min(enum, sorter, empty), do: pick(enum, fn x -> x end, to_sorter(sorter, :min), empty)

  def max_by(enum, fun), do: max_by(enum, fun, fn a, b -> a >= b end, empty_error())
  def max_by(enum, fun, empty) when is_function(empty, 0), do: max_by(enum, fun, fn a, b -> a >= b end, empty)
  def max_by(enum, fun, sorter), do: max_by(enum, fun, sorter, empty_error())
  def max_by(enum, fun, sorter, empty), do: pick(enum, fun, to_sorter(sorter, :max), empty)

  def min_by(enum, fun), do: min_by(enum, fun, fn a, b -> a <= b end, empty_error())
  def min_by(enum, fun, empty) when is_function(empty, 0), do: min_by(enum, fun, fn a, b -> a <= b end, empty)
  def min_by(enum, fun, sorter), do: min_by(enum, fun, sorter, empty_error())
  def min_by(enum, fun, sorter, empty), do: pick(enum, fun, to_sorter(sorter, :min), empty)

  defp to_sorter(fun, _) when is_function(fun, 2), do: fun
  defp to_sorter(:asc, _), do: fn a, b -> a <= b end
  defp to_sorter(:desc, _), do: fn a, b -> a >= b end
  defp to_sorter({:asc, mod}, _) when is_atom(mod), do: fn a, b -> mod.compare(a, b) != :gt end
  defp to_sorter({:desc, mod}, _) when is_atom(mod), do: fn a, b -> mod.compare(a, b) != :lt end
  defp to_sorter(mod, :max) when is_atom(mod), do: fn a, b -> mod.compare(a, b) != :lt end
  defp to_sorter(mod, :min) when is_atom(mod), do: fn a, b -> mod.compare(a, b) != :gt end

  # The element whose key wins under keep?(best, candidate); ties keep
  # the earlier element.
  defp pick(enum, key_fun, keep?, empty) do
    case __fold_list__(enum) do
      [] ->
        empty.()

      [h | t] ->
        {best, _} =
          reduce_list(t, {h, key_fun.(h)}, fn x, {b, bk} ->
            k = key_fun.(x)
            if keep?.(bk, k), do: {b, bk}, else: {x, k}
          end)

        best
    end
  end

  def min_max(enum), do: min_max(enum, empty_error())

  def min_max(enum, empty) do
    case __fold_list__(enum) do
      [] -> empty.()
      [h | t] -> reduce_list(t, {h, h}, fn x, {lo, hi} -> {:erlang.min(lo, x), :erlang.max(hi, x)} end)
    end
  end

  def min_max_by(enum, fun, sorter_or_empty \\ nil, empty \\ nil) do
    {sorter, empty} =
      cond do
        is_function(sorter_or_empty, 0) -> {fn a, b -> a < b end, sorter_or_empty}
        sorter_or_empty == nil -> {fn a, b -> a < b end, empty || empty_error()}
        true -> {min_max_sorter(sorter_or_empty), empty || empty_error()}
      end

    case __fold_list__(enum) do
      [] ->
        empty.()

      [h | t] ->
        k = fun.(h)

        {{lo, _}, {hi, _}} =
          reduce_list(t, {{h, k}, {h, k}}, fn x, {{lo, lk}, {hi, hk}} ->
            xk = fun.(x)
            lo2 = if sorter.(xk, lk), do: {x, xk}, else: {lo, lk}
            hi2 = if sorter.(hk, xk), do: {x, xk}, else: {hi, hk}
            {lo2, hi2}
          end)

        {lo, hi}
    end
  end

  defp min_max_sorter(fun) when is_function(fun, 2), do: fun
  defp min_max_sorter(mod) when is_atom(mod), do: fn a, b -> mod.compare(a, b) == :lt end

  # ---- searching ------------------------------------------------------

  def member?(enum, x) do
    case Enumerable.member?(enum, x) do
      {:ok, found} -> found
      {:error, _} -> halting(enum, false, fn y, _ -> if y === x, do: {:halt, true}, else: {:cont, false} end)
    end
  end

  def any?(enum), do: halting(enum, false, fn x, _ -> if x, do: {:halt, true}, else: {:cont, false} end)
  def any?(enum, fun), do: halting(enum, false, fn x, _ -> if fun.(x), do: {:halt, true}, else: {:cont, false} end)
  def all?(enum), do: halting(enum, true, fn x, _ -> if x, do: {:cont, true}, else: {:halt, false} end)
  def all?(enum, fun), do: halting(enum, true, fn x, _ -> if fun.(x), do: {:cont, true}, else: {:halt, false} end)

  def empty?(enum) do
    case Enumerable.count(enum) do
      {:ok, n} -> n == 0
      {:error, _} -> halting(enum, true, fn _, _ -> {:halt, false} end)
    end
  end

  def find(enum, fun), do: find(enum, nil, fun)

  def find(enum, default, fun) do
    halting(enum, default, fn x, d -> if fun.(x), do: {:halt, x}, else: {:cont, d} end)
  end

  def find_value(enum, fun), do: find_value(enum, nil, fun)

  def find_value(enum, default, fun) do
    halting(enum, default, fn x, d ->
      v = fun.(x)
      if v, do: {:halt, v}, else: {:cont, d}
    end)
  end

  def find_index(enum, fun) do
    result =
      halting(enum, 0, fn x, i ->
        if fun.(x), do: {:halt, {:found, i}}, else: {:cont, i + 1}
      end)

    case result do
      {:found, i} -> i
      _ -> nil
    end
  end

  def fetch(enum, index) when is_integer(index) and index < 0 do
    list = to_list(enum)
    n = length(list)
    if n + index >= 0, do: fetch_list(list, n + index), else: :error
  end

  def fetch(list, index) when is_list(list) and is_integer(index), do: fetch_list(list, index)

  def fetch(%{__struct__: Range, first: f, last: l, step: s}, index) when is_integer(index) do
    if index < Enumerable.range_size(f, l, s), do: {:ok, f + index * s}, else: :error
  end

  def fetch(enum, index) when is_integer(index) do
    result =
      halting(enum, 0, fn x, i ->
        if i == index, do: {:halt, {:found, x}}, else: {:cont, i + 1}
      end)

    case result do
      {:found, x} -> {:ok, x}
      _ -> :error
    end
  end

  defp fetch_list([h | _], 0), do: {:ok, h}
  defp fetch_list([_ | t], i), do: fetch_list(t, i - 1)
  defp fetch_list([], _), do: :error

  def fetch!(enum, index) do
    case fetch(enum, index) do
      {:ok, x} -> x
      :error -> raise Enum.OutOfBoundsError
    end
  end

  def at(enum, index, default \\ nil) when is_integer(index) do
    case fetch(enum, index) do
      {:ok, x} -> x
      :error -> default
    end
  end

  # ---- taking and dropping --------------------------------------------

  def take(_enum, 0), do: []

  def take(list, n) when is_list(list) and is_integer(n) and n > 0, do: take_list(list, n)

  def take(enum, n) when is_integer(n) and n > 0 do
    {list, _} =
      halting(enum, {[], n}, fn
        x, {acc, 1} -> {:halt, {[x | acc], 0}}
        x, {acc, k} -> {:cont, {[x | acc], k - 1}}
      end)

    :lists.reverse(list)
  end

  def take(enum, n) when is_integer(n) do
    list = to_list(enum)
    drop_list(list, :erlang.max(length(list) + n, 0))
  end

  def drop(enum, n) when is_integer(n) and n >= 0, do: drop_list(to_list(enum), n)

  def drop(enum, n) when is_integer(n) do
    list = to_list(enum)
    take_list(list, :erlang.max(length(list) + n, 0))
  end

  defp drop_list(list, 0), do: list
  defp drop_list([], _), do: []
  defp drop_list([_ | t], n), do: drop_list(t, n - 1)

  defp take_list(list, n), do: take_acc(list, n, [])

  defp take_acc(_list, 0, acc), do: :lists.reverse(acc)
  defp take_acc([], _, acc), do: :lists.reverse(acc)
  defp take_acc([h | t], n, acc), do: take_acc(t, n - 1, [h | acc])

  def take_while(enum, fun) do
    enum
    |> halting([], fn x, acc -> if fun.(x), do: {:cont, [x | acc]}, else: {:halt, acc} end)
    |> :lists.reverse()
  end

  def drop_while(enum, fun), do: drop_while_list(__fold_list__(enum), fun)

  defp drop_while_list([h | t] = list, fun) do
    if fun.(h), do: drop_while_list(t, fun), else: list
  end

  defp drop_while_list([], _fun), do: []

  def take_every(enum, nth) when is_integer(nth) and nth >= 0 do
    # As Elixir: every element (nth 1) is to_list; a real step reduces.
    case nth do
      0 -> []
      1 -> to_list(enum)
      _ -> every(__fold_list__(enum), nth, 0, true)
    end
  end

  def drop_every([], nth) when is_integer(nth), do: []

  def drop_every(enum, nth) when is_integer(nth) and nth >= 0 do
    if nth == 0, do: to_list(enum), else: every(__fold_list__(enum), nth, 0, false)
  end

  # Keeps (keep = true) or drops (false) the elements at 0, nth, 2nth ...
  defp every(list, nth, i, keep), do: every_acc(list, nth, i, keep, [])

  defp every_acc([], _nth, _i, _keep, acc), do: :lists.reverse(acc)
  defp every_acc([h | t], nth, 0, true, acc), do: every_acc(t, nth, nth - 1, true, [h | acc])
  defp every_acc([_ | t], nth, 0, false, acc), do: every_acc(t, nth, nth - 1, false, acc)
  defp every_acc([_ | t], nth, i, true, acc), do: every_acc(t, nth, i - 1, true, acc)
  defp every_acc([h | t], nth, i, false, acc), do: every_acc(t, nth, i - 1, false, [h | acc])

  def split(enum, n) when is_integer(n) and n >= 0, do: split_list(__fold_list__(enum), n, [])

  def split(enum, n) when is_integer(n) do
    list = __fold_list__(enum)
    split_list(list, :erlang.max(length(list) + n, 0), [])
  end

  defp split_list(rest, 0, acc), do: {:lists.reverse(acc), rest}
  defp split_list([], _n, acc), do: {:lists.reverse(acc), []}
  defp split_list([h | t], n, acc), do: split_list(t, n - 1, [h | acc])

  def split_while(enum, fun), do: split_while_list(__fold_list__(enum), fun, [])

  defp split_while_list([h | t] = list, fun, acc) do
    if fun.(h), do: split_while_list(t, fun, [h | acc]), else: {:lists.reverse(acc), list}
  end

  defp split_while_list([], _fun, acc), do: {:lists.reverse(acc), []}

  def split_with(enum, fun) do
    {yes, no} =
      reduce(enum, {[], []}, fn x, {yes, no} ->
        if fun.(x), do: {[x | yes], no}, else: {yes, [x | no]}
      end)

    {:lists.reverse(yes), :lists.reverse(no)}
  end

  # ---- slicing --------------------------------------------------------

  # A first..last range with first > last has step -1: Enum.slice
  # reads it as //1, as Elixir 1.14 does.
  def slice(enum, %{__struct__: Range, first: f, last: l, step: -1}) when f > l do
    slice(enum, %{__struct__: Range, first: f, last: l, step: 1})
  end

  def slice(_enum, %{__struct__: Range, first: f, last: l, step: s}) when s < 0 do
    raise ArgumentError,
          "Enum.slice/2 does not accept ranges with negative steps, got: #{f}..#{l}//#{s}"
  end

  # Non-negative bounds need only the first l + 1 elements, so a slice of
  # an infinite stream ends.
  def slice(enum, %{__struct__: Range, first: f, last: l, step: s})
      when not is_list(enum) and f >= 0 and l >= 0 do
    slice(take(enum, l + 1), %{__struct__: Range, first: f, last: l, step: s})
  end

  def slice(enum, %{__struct__: Range, first: f, last: l, step: s}) do
    list = to_list(enum)
    n = length(list)
    f = if f >= 0, do: f, else: :erlang.max(f + n, 0)
    l = if l >= 0, do: l, else: l + n
    amount = l - f + 1

    if f < n and amount > 0 do
      list |> drop_list(f) |> take_list(:erlang.min(amount, n - f)) |> every(s, 0, true)
    else
      []
    end
  end

  def slice(enum, start, amount)
      when not is_list(enum) and is_integer(start) and start >= 0 and is_integer(amount) and amount >= 0 do
    slice(take(enum, start + amount), start, amount)
  end

  def slice(enum, start, amount) when is_integer(start) and is_integer(amount) and amount >= 0 do
    list = to_list(enum)
    start = if start < 0, do: :erlang.max(length(list) + start, 0), else: start
    take_list(drop_list(list, start), amount)
  end

  def reverse(list) when is_list(list), do: :lists.reverse(list)
  def reverse(enum), do: reduce(enum, [], fn x, acc -> [x | acc] end)
  def reverse(enum, tail), do: :lists.reverse(__fold_list__(enum), to_list(tail))

  def reverse_slice(enum, start, count) when start >= 0 and count >= 0 do
    list = __fold_list__(enum)
    {front, rest} = split_list(list, start, [])
    {mid, back} = split_list(rest, count, [])
    front ++ :lists.reverse(mid) ++ back
  end

  # Moves the elements at range_or_index to insertion_index.
  def slide(enum, index, insertion) when is_integer(index), do: slide(enum, index..index, insertion)

  def slide(_enum, %{__struct__: Range, step: step} = range, _insertion) when step != 1 do
    raise ArgumentError, "Enum.slide/3 does not accept ranges with custom steps, got: #{inspect(range)}"
  end

  def slide(enum, %{__struct__: Range, first: f, last: l}, insertion) when f < 0 or l < 0 or insertion < 0 do
    list = __fold_list__(enum)
    n = length(list)
    f = if f >= 0, do: f, else: :erlang.max(f + n, 0)
    l = if l >= 0, do: l, else: l + n
    insertion = if insertion >= 0, do: insertion, else: n + insertion

    if f < n and f != insertion do
      slide(list, Range.new(f, l, 1), insertion)
    else
      list
    end
  end

  def slide(enum, %{__struct__: Range, first: f, last: l}, insertion) do
    cond do
      insertion == f ->
        to_list(enum)

      insertion > f and insertion <= l ->
        raise ArgumentError,
              "insertion index for slide must be outside the range being moved " <>
                "(tried to insert #{f}..#{l} at #{insertion})"

      insertion < f ->
        rotate(__fold_list__(enum), insertion, f, l)

      true ->
        rotate(__fold_list__(enum), f, l + 1, insertion)
    end
  end

  # Elements start..middle-1 and middle..last swap places.
  defp rotate(list, start, middle, last) do
    {pre, rest} = split_list(list, start, [])
    {first_part, rest} = split_list(rest, middle - start, [])
    {second_part, post} = split_list(rest, last - middle + 1, [])
    pre ++ second_part ++ first_part ++ post
  end

  # ---- randomness (enum_random.ex) ------------------------------------

  def random(enum), do: Enum.Random.random(enum)
  def shuffle(enum), do: Enum.Random.shuffle(enum)
  def take_random(enum, count), do: Enum.Random.take_random(enum, count)

  # ---- chunking -------------------------------------------------------

  def chunk_every(enum, count), do: chunk_every(enum, count, count, [])

  def chunk_every(enum, count, step, leftover \\ [])
      when is_integer(count) and count > 0 and is_integer(step) and step > 0 do
    {chunk, after_fun, acc} = Enum.Chunker.every(count, step, leftover)
    chunk_while(enum, acc, chunk, after_fun)
  end

  def chunk_while(enum, acc, chunk_fun, after_fun) do
    {out, acc} =
      halting(enum, {[], acc}, fn x, {out, a} ->
        case chunk_fun.(x, a) do
          {:cont, chunk, a} -> {:cont, {[chunk | out], a}}
          {:cont, a} -> {:cont, {out, a}}
          {:halt, a} -> {:halt, {out, a}}
        end
      end)

    case after_fun.(acc) do
      {:cont, chunk, _} -> :lists.reverse([chunk | out])
      {:cont, _} -> :lists.reverse(out)
    end
  end

  def chunk_by(enum, fun) do
    {chunk, after_fun} = Enum.Chunker.by(fun)
    chunk_while(enum, nil, chunk, after_fun)
  end

  # ---- uniqueness -----------------------------------------------------

  def uniq(enum), do: uniq_by(enum, fn x -> x end)

  def uniq_by(enum, fun), do: uniq_list(__fold_list__(enum), fun, %{}, [])

  defp uniq_list([], _fun, _seen, acc), do: :lists.reverse(acc)

  defp uniq_list([h | t], fun, seen, acc) do
    key = fun.(h)

    if :maps.is_key(key, seen) do
      uniq_list(t, fun, seen, acc)
    else
      uniq_list(t, fun, :maps.put(key, true, seen), [h | acc])
    end
  end

  def dedup(enum), do: dedup_by(enum, fn x -> x end)

  def dedup_by(enum, fun) do
    case __fold_list__(enum) do
      [] -> []
      [h | t] -> dedup_list(t, fun.(h), fun, [h])
    end
  end

  defp dedup_list([], _last, _fun, acc), do: :lists.reverse(acc)

  defp dedup_list([h | t], last, fun, acc) do
    key = fun.(h)
    if key === last, do: dedup_list(t, key, fun, acc), else: dedup_list(t, key, fun, [h | acc])
  end

  # ---- zipping --------------------------------------------------------

  def zip(left, right), do: zip([left, right])

  def zip([]), do: []

  def zip(enums) do
    if all_lists?(enums) do
      zip_lists(enums)
    else
      Stream.zip_with(to_list(enums), fn xs -> :erlang.list_to_tuple(xs) end) |> to_list()
    end
  end

  def zip_with(left, right, fun), do: zip_with([left, right], fn [a, b] -> fun.(a, b) end)

  def zip_with([], _fun), do: []

  def zip_with(enums, fun) do
    if all_lists?(enums) do
      map_list(zip_lists(enums), fn t -> fun.(:erlang.tuple_to_list(t)) end)
    else
      Stream.zip_with(to_list(enums), fun) |> to_list()
    end
  end

  defp all_lists?(enums), do: is_list(enums) and all?(enums, fn e -> is_list(e) end)

  defp zip_lists(lists) do
    if any?(lists, fn l -> l == [] end) do
      []
    else
      heads = map_list(lists, fn [h | _] -> h end)
      tails = map_list(lists, fn [_ | t] -> t end)
      [:erlang.list_to_tuple(heads) | zip_lists(tails)]
    end
  end

  def zip_reduce(left, right, acc, fun) when is_function(fun, 3) do
    zip_reduce([left, right], acc, fn [x, y], a -> fun.(x, y, a) end)
  end

  def zip_reduce(enums, acc, fun) when is_function(fun, 2) do
    reduce(zip_with(enums, fn xs -> xs end), acc, fun)
  end

  def unzip(enum) do
    {as, bs} = reduce(enum, {[], []}, fn {a, b}, {as, bs} -> {[a | as], [b | bs]} end)
    {:lists.reverse(as), :lists.reverse(bs)}
  end

  # ---- sorting --------------------------------------------------------

  # Only a list goes to :lists.sort/1: Elixir sorts anything else with
  # &<=/2, as it does for :asc, and the two order equal terms differently.
  def sort(enum) when is_list(enum), do: :lists.sort(enum)
  def sort(enum), do: sort(enum, :asc)

  # :asc and :desc are &<=/2 and &>=/2 without a fun to call: C (lists_sort.c).
  def sort(enum, sorter) when sorter in [:asc, :desc], do: Enum.MergeSort.__terms__(__fold_list__(enum), sorter)
  def sort(enum, sorter), do: Enum.MergeSort.sort(__fold_list__(enum), to_sorter(sorter, :min))

  def sort_by(enum, mapper), do: sort_by(enum, mapper, :asc)

  def sort_by(enum, mapper, :asc) do
    pairs = map(enum, fn x -> {mapper.(x), x} end)
    map_list(:lists.keysort(1, pairs), fn {_, x} -> x end)
  end

  # :lists.keysort/2 is stable: sorting the reversed pairs and reversing
  # back gives a descending order that keeps equal keys in their order.
  def sort_by(enum, mapper, :desc) do
    pairs = reduce(enum, [], fn x, acc -> [{mapper.(x), x} | acc] end)
    reduce_list(:lists.keysort(1, pairs), [], fn {_, x}, acc -> [x | acc] end)
  end

  def sort_by(enum, mapper, sorter) do
    sorter = to_sorter(sorter, :min)

    enum
    |> map(fn x -> {mapper.(x), x} end)
    |> Enum.MergeSort.sort(fn {a, _}, {b, _} -> sorter.(a, b) end)
    |> map_list(fn {_, x} -> x end)
  end

  # ---- building strings and collections -------------------------------

  def join(enum, joiner \\ "") when is_binary(joiner) do
    enum |> map(&entry_to_string/1) |> intersperse(joiner) |> :erlang.iolist_to_binary()
  end

  def map_join(enum, mapper), do: map_join(enum, "", mapper)

  def map_join(enum, joiner, mapper) when is_binary(joiner) do
    enum |> map(fn x -> entry_to_string(mapper.(x)) end) |> intersperse(joiner) |> :erlang.iolist_to_binary()
  end

  defp entry_to_string(x) when is_binary(x), do: x
  defp entry_to_string(x), do: to_string(x)

  # Into a list: Enumerable order (to_list), where into/3 maps in fold order.
  def into(enum, list) when is_list(list), do: list ++ to_list(enum)
  def into(enum, collectable), do: into(enum, collectable, fn x -> x end)
  def into(enum, collectable, fun), do: Enum.Into.into(enum, collectable, fun)
end
