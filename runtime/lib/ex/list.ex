# List: functions on lists, with Elixir 1.14's results. Index arguments
# may be negative (counted from the end) wherever Elixir allows it.
defmodule List do
  def first(list, default \\ nil)
  def first([], default), do: default
  def first([h | _], _default), do: h

  def last(list, default \\ nil)
  def last([], default), do: default
  def last([h], _default), do: h
  def last([_ | t], default), do: last(t, default)

  def wrap(nil), do: []
  def wrap(list) when is_list(list), do: list
  def wrap(other), do: [other]

  def duplicate(elem, n), do: :lists.duplicate(n, elem)

  def flatten(list) when is_list(list), do: flatten(list, [])

  # Flattens list and puts tail after it (tail itself is not flattened).
  def flatten(list, tail) when is_list(list) and is_list(tail) do
    :lists.reverse(flat(list, []), tail)
  end

  defp flat([], acc), do: acc
  defp flat([h | t], acc) when is_list(h), do: flat(t, flat(h, acc))
  defp flat([h | t], acc), do: flat(t, [h | acc])

  def foldl(list, acc, fun) when is_list(list) and is_function(fun, 2), do: Enum.reduce(list, acc, fun)

  def foldr(list, acc, fun) when is_list(list) and is_function(fun, 2) do
    Enum.reduce(:lists.reverse(list), acc, fun)
  end

  def delete([], _elem), do: []
  def delete([elem | t], elem), do: t
  def delete([h | t], elem), do: [h | delete(t, elem)]

  def delete_at(list, index) when is_integer(index) do
    :erlang.element(2, pop_at(list, index))
  end

  def pop_at(list, index, default \\ nil) when is_list(list) and is_integer(index) do
    case normalize(list, index) do
      :out -> {default, list}
      i -> pop_at_index(list, i, [])
    end
  end

  defp pop_at_index([h | t], 0, acc), do: {h, :lists.reverse(acc, t)}
  defp pop_at_index([h | t], i, acc), do: pop_at_index(t, i - 1, [h | acc])

  # A non-negative index inside the list, or :out.
  defp normalize(list, index) when index < 0 do
    i = length(list) + index
    if i >= 0, do: i, else: :out
  end

  defp normalize(list, index), do: if(index < length(list), do: index, else: :out)

  def insert_at(list, index, value) when is_list(list) and is_integer(index) do
    i =
      cond do
        index >= 0 -> index
        true -> :erlang.max(length(list) + index + 1, 0)
      end

    insert(list, i, value)
  end

  defp insert([], _i, value), do: [value]
  defp insert(list, 0, value), do: [value | list]
  defp insert([h | t], i, value), do: [h | insert(t, i - 1, value)]

  def replace_at(list, index, value) when is_list(list) and is_integer(index) do
    update_at(list, index, fn _ -> value end)
  end

  def update_at(list, index, fun) when is_list(list) and is_integer(index) and is_function(fun, 1) do
    case normalize(list, index) do
      :out -> list
      i -> update(list, i, fun)
    end
  end

  defp update([h | t], 0, fun), do: [fun.(h) | t]
  defp update([h | t], i, fun), do: [h | update(t, i - 1, fun)]

  def starts_with?(list, []) when is_list(list), do: true
  def starts_with?([h | t], [h | pt]), do: starts_with?(t, pt)
  def starts_with?(list, [_ | _]) when is_list(list), do: false

  def zip([]), do: []
  def zip(lists) when is_list(lists), do: Enum.zip(lists)

  def improper?(list) when is_list(list), do: not proper?(list)
  defp proper?([]), do: true
  defp proper?([_ | t]) when is_list(t), do: proper?(t)
  defp proper?(_), do: false

  def ascii_printable?(list, limit \\ :infinity), do: ascii(list, limit)

  defp ascii(_, 0), do: true
  defp ascii([], _), do: true
  defp ascii([c | t], n) when is_integer(c) and c >= 32 and c <= 126, do: ascii(t, dec(n))
  defp ascii([c | t], n) when c in [?\n, ?\r, ?\t, ?\v, ?\b, ?\f, ?\e, ?\d, ?\a], do: ascii(t, dec(n))
  defp ascii(_, _), do: false

  defp dec(:infinity), do: :infinity
  defp dec(n), do: n - 1

  # ---- key lists --------------------------------------------------------
  # position is 0-based, as in Elixir (Erlang's :lists.key* are 1-based).

  def keyfind(list, key, position, default \\ nil) do
    case find_key(list, key, position) do
      nil -> default
      t -> t
    end
  end

  defp find_key([], _key, _pos), do: nil

  defp find_key([h | t], key, pos) do
    if is_tuple(h) and tuple_size(h) > pos and :erlang.element(pos + 1, h) == key, do: h, else: find_key(t, key, pos)
  end

  def keyfind!(list, key, position) do
    case find_key(list, key, position) do
      nil ->
        raise KeyError,
          key: key,
          term: list,
          message: "key #{inspect(key)} at position #{inspect(position)} not found in: #{inspect(list)}"

      t ->
        t
    end
  end

  def keymember?(list, key, position), do: find_key(list, key, position) != nil

  def keydelete([], _key, _pos), do: []

  def keydelete([h | t], key, pos) do
    if key_at?(h, key, pos), do: t, else: [h | keydelete(t, key, pos)]
  end

  def keyreplace([], _key, _pos, _new), do: []

  def keyreplace([h | t], key, pos, new) do
    if key_at?(h, key, pos), do: [new | t], else: [h | keyreplace(t, key, pos, new)]
  end

  def keystore([], _key, _pos, new), do: [new]

  def keystore([h | t], key, pos, new) do
    if key_at?(h, key, pos), do: [new | t], else: [h | keystore(t, key, pos, new)]
  end

  def keytake(list, key, pos), do: keytake(list, key, pos, [])

  defp keytake([], _key, _pos, _acc), do: nil

  defp keytake([h | t], key, pos, acc) do
    if key_at?(h, key, pos), do: {h, :lists.reverse(acc, t)}, else: keytake(t, key, pos, [h | acc])
  end

  def keysort(list, pos, sorter \\ :asc)
  def keysort(list, pos, :asc) when is_list(list) and is_integer(pos), do: :lists.keysort(pos + 1, list)

  # As Elixir: :lists.sort/2 with the sorter applied to the elements; for
  # :desc that is &>=/2, which orders equal keys unlike sort_by's :desc.
  def keysort(list, pos, sorter) when is_list(list) and is_integer(pos) do
    at = pos + 1
    Enum.sort_by(list, fn t -> :erlang.element(at, t) end, keysort_sorter(sorter))
  end

  defp keysort_sorter(:desc), do: &>=/2
  defp keysort_sorter(sorter), do: sorter

  defp key_at?(t, key, pos), do: is_tuple(t) and tuple_size(t) > pos and :erlang.element(pos + 1, t) == key

  # ---- edit scripts ---------------------------------------------------
  # Myers' algorithm, exploring diagonals -d..d for growing d; a path is
  # {row, rest of list1, rest of list2, edits (newest first)}.

  def myers_difference(list1, list2) when is_list(list1) and is_list(list2) do
    myers_difference(list1, list2, nil)
  end

  def myers_difference(list1, list2, diff) when is_list(list1) and is_list(list2) do
    myers_find(0, [{0, list1, list2, []}], diff)
  end

  defp myers_find(envelope, paths, diff) do
    case myers_diagonals(-envelope, envelope, paths, [], diff) do
      {:done, edits} -> compact(edits, [])
      {:next, paths} -> myers_find(envelope + 1, paths, diff)
    end
  end

  defp myers_diagonals(d, limit, _paths, next, _diff) when d > limit, do: {:next, :lists.reverse(next)}

  defp myers_diagonals(d, limit, paths, next, diff) do
    {path, rest} = myers_step(d, limit, paths, diff)

    case snake(path, diff) do
      {:cont, path} -> myers_diagonals(d + 2, limit, rest, [path | next], diff)
      {:done, edits} -> {:done, edits}
    end
  end

  defp myers_step(0, 0, [path], _diff), do: {path, []}
  defp myers_step(d, limit, [path | _] = paths, _diff) when d == -limit, do: {move_down(path), paths}
  defp myers_step(d, limit, [path], _diff) when d == limit, do: {move_right(path), []}

  defp myers_step(_d, _limit, [p1, p2 | rest], _diff) do
    if :erlang.element(1, p1) > :erlang.element(1, p2), do: {move_right(p1), [p2 | rest]}, else: {move_down(p2), [p2 | rest]}
  end

  defp move_right({y, l1, [e2 | r2], edits}), do: {y, l1, r2, [{:ins, e2} | edits]}
  defp move_right({y, l1, [], edits}), do: {y, l1, [], edits}

  defp move_down({y, [e1 | r1], l2, edits}), do: {y + 1, r1, l2, [{:del, e1} | edits]}
  defp move_down({y, [], l2, edits}), do: {y + 1, [], l2, edits}

  # Equal heads extend the diagonal; with a diff function, so do two heads
  # it finds a (non-nil) difference for. (Elixir 1.14 breaks some ties
  # between such paths differently: the script can differ, never its
  # length.)
  defp snake({y, [e | r1], [e | r2], edits}, diff), do: snake({y + 1, r1, r2, [{:eq, e} | edits]}, diff)
  defp snake({_y, [], [], edits}, _diff), do: {:done, edits}

  defp snake({y, [e1 | r1], [e2 | r2], edits} = path, diff) when is_function(diff, 2) do
    case diff.(e1, e2) do
      nil -> {:cont, path}
      result -> snake({y + 1, r1, r2, [{:diff, result} | edits]}, diff)
    end
  end

  defp snake(path, _diff), do: {:cont, path}

  defp compact([], acc), do: acc
  defp compact([{:diff, _} = d | rest], acc), do: compact(rest, [d | acc])
  defp compact([{kind, e} | rest], [{kind, run} | acc]), do: compact(rest, [{kind, [e | run]} | acc])

  # eq X, ins X, eq Y reads better as ins X, eq X ++ Y.
  defp compact(rest, [{:eq, run}, {:ins, run}, {:eq, other} | acc]) do
    compact(rest, [{:ins, run}, {:eq, run ++ other} | acc])
  end
  defp compact([{kind, e} | rest], acc), do: compact(rest, [{kind, [e]} | acc])

  # ---- conversions (Erlang builtins) ------------------------------------

  def to_tuple(list), do: :erlang.list_to_tuple(list)
  def to_atom(list) when is_list(list), do: :erlang.list_to_atom(list)
  def to_existing_atom(list) when is_list(list), do: :erlang.list_to_existing_atom(list)
  def to_integer(list) when is_list(list), do: :erlang.list_to_integer(list)
  def to_integer(list, base) when is_list(list), do: :erlang.list_to_integer(list, base)
  def to_float(list) when is_list(list), do: :erlang.list_to_float(list)
  def to_string(list) when is_list(list), do: :unicode.characters_to_binary(list)
  def to_charlist(list) when is_list(list), do: :unicode.characters_to_list(list)
end
