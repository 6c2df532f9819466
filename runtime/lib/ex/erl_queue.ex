# Erlang's :queue, with its representation: {rear, front}, two lists,
# the rear newest first and the front oldest first. Programs print
# queues, so every function keeps the exact shape queue.erl gives: when
# one side runs dry, half of the other side moves over (r2f/f2r below).
defmodule :queue do
  def new, do: {[], []}

  def is_queue({r, f}) when is_list(r) and is_list(f), do: true
  def is_queue(_), do: false

  def is_empty({[], []}), do: true
  def is_empty({r, f}) when is_list(r) and is_list(f), do: false

  def len({r, f}) when is_list(r) and is_list(f), do: length(r) + length(f)

  def to_list({r, f}) when is_list(r) and is_list(f), do: f ++ :lists.reverse(r)

  def from_list(l) when is_list(l), do: f2r(l)

  def member(x, {r, f}) when is_list(r) and is_list(f), do: :lists.member(x, r) or :lists.member(x, f)

  # `in` is an operator, so the name is spliced in with unquote.
  def unquote(:in)(x, {[_] = r, []}), do: {[x], r}
  def unquote(:in)(x, {r, f}) when is_list(r) and is_list(f), do: {[x | r], f}

  def in_r(x, {[], [_] = f}), do: {f, [x]}
  def in_r(x, {r, f}) when is_list(r) and is_list(f), do: {r, [x | f]}

  def out({[], []} = q), do: {:empty, q}
  def out({[v], []}), do: {{:value, v}, {[], []}}

  def out({[y | r], []}) do
    [v | f] = :lists.reverse(r)
    {{:value, v}, {[y], f}}
  end

  def out({r, [v]}) when is_list(r), do: {{:value, v}, r2f(r)}
  def out({r, [v | f]}) when is_list(r), do: {{:value, v}, {r, f}}

  def out_r({[], []} = q), do: {:empty, q}
  def out_r({[], [v]}), do: {{:value, v}, {[], []}}

  def out_r({[], [y | f]}) do
    [v | r] = :lists.reverse(f)
    {{:value, v}, {r, [y]}}
  end

  def out_r({[v], f}) when is_list(f), do: {{:value, v}, f2r(f)}
  def out_r({[v | r], f}) when is_list(f), do: {{:value, v}, {r, f}}

  def get({[], []} = q), do: :erlang.error(:empty, [q])
  def get({_r, [h | _]}), do: h
  def get({[h], []}), do: h
  def get({[_ | r], []}), do: List.last(r)

  def get_r({[], []} = q), do: :erlang.error(:empty, [q])
  def get_r({[h | _], _f}), do: h
  def get_r({[], [h]}), do: h
  def get_r({[], [_ | f]}), do: List.last(f)

  def peek({[], []}), do: :empty
  def peek({_r, [h | _]}), do: {:value, h}
  def peek({[h], []}), do: {:value, h}
  def peek({[_ | r], []}), do: {:value, List.last(r)}

  def peek_r({[], []}), do: :empty
  def peek_r({[h | _], _f}), do: {:value, h}
  def peek_r({[], [h]}), do: {:value, h}
  def peek_r({[], [_ | f]}), do: {:value, List.last(f)}

  def head(q), do: get(q)
  def last(q), do: get_r(q)

  def drop({[], []} = q), do: :erlang.error(:empty, [q])
  def drop({[_], []}), do: {[], []}

  def drop({[y | r], []}) do
    [_ | f] = :lists.reverse(r)
    {[y], f}
  end

  def drop({r, [_]}), do: r2f(r)
  def drop({r, [_ | f]}), do: {r, f}

  def drop_r({[], []} = q), do: :erlang.error(:empty, [q])
  def drop_r({[], [_]}), do: {[], []}

  def drop_r({[], [y | f]}) do
    [_ | r] = :lists.reverse(f)
    {r, [y]}
  end

  def drop_r({[_], f}), do: f2r(f)
  def drop_r({[_ | r], f}), do: {r, f}

  def tail(q), do: drop(q)
  def liat(q), do: drop_r(q)

  def reverse({r, f}) when is_list(r) and is_list(f), do: {f, r}

  def join({r, f} = q, {[], []}) when is_list(r) and is_list(f), do: q
  def join({[], []}, {r, f} = q) when is_list(r) and is_list(f), do: q
  def join({r1, f1}, {r2, f2}), do: {r2, f1 ++ :lists.reverse(r1, f2)}

  def split(0, q), do: {{[], []}, q}

  def split(n, {r, f} = q) when is_integer(n) and n > 0 and is_list(r) and is_list(f) do
    lf = length(f)
    cond do
      n < lf ->
        [x | f1] = f
        f_to_r(n - 1, r, f1, [], [x])
      n > lf ->
        m = length(r) - (n - lf)
        cond do
          m < 0 -> :erlang.error(:badarg, [n, q])
          m > 0 ->
            [x | r1] = r
            r_to_f(m - 1, r1, f, [x], [])
          true -> {q, {[], []}}
        end
      true -> {f2r(f), r2f(r)}
    end
  end

  # Moves n elements of the first queue's front to the second's rear.
  defp f_to_r(0, r1, f1, r2, f2), do: {{r2, f2}, {r1, f1}}
  defp f_to_r(n, r1, [x | f1], r2, f2), do: f_to_r(n - 1, r1, f1, [x | r2], f2)

  defp r_to_f(0, r1, f1, r2, f2), do: {{r1, f1}, {r2, f2}}
  defp r_to_f(n, [x | r1], f1, r2, f2), do: r_to_f(n - 1, r1, f1, r2, [x | f2])

  def filter(fun, {r, f}) when is_function(fun, 1) do
    f1 = Enum.flat_map(f, &filter_one(fun, &1))
    r1 = r |> :lists.reverse() |> Enum.flat_map(&filter_one(fun, &1)) |> :lists.reverse()
    cond do
      r1 == [] -> f2r(f1)
      f1 == [] -> r2f(r1)
      true -> {r1, f1}
    end
  end

  defp filter_one(fun, x) do
    case fun.(x) do
      true -> [x]
      false -> []
      l when is_list(l) -> l
    end
  end

  def all(pred, {r, f}), do: Enum.all?(f, pred) and Enum.all?(r, pred)
  def any(pred, {r, f}), do: Enum.any?(f, pred) or Enum.any?(r, pred)

  def fold(fun, acc, q), do: Enum.reduce(to_list(q), acc, fun)

  def delete(x, q) do
    l = to_list(q)
    if x in l, do: from_list(List.delete(l, x)), else: q
  end

  # Half of the rear becomes the front (oldest first), when the front is empty.
  defp r2f([]), do: {[], []}
  defp r2f([_] = r), do: {[], r}
  defp r2f([y, x]), do: {[y], [x]}

  defp r2f(l) do
    {rr, ff} = Enum.split(l, div(length(l), 2))
    {rr, :lists.reverse(ff)}
  end

  defp f2r([]), do: {[], []}
  defp f2r([_] = f), do: {f, []}
  defp f2r([x, y]), do: {[y], [x]}

  defp f2r(l) do
    {ff, rr} = Enum.split(l, div(length(l), 2))
    {:lists.reverse(rr), ff}
  end
end
