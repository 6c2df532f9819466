# Erlang's :gb_trees and :gb_sets (general balanced trees), with their
# representation, since programs print them: a tree is {size, node},
# a node {key, value, smaller, bigger} (gb_sets: {key, smaller, bigger})
# or nil. Nothing is rebalanced on the way down; an insert that lands
# deeper than the size allows rebuilds the subtree it passed through
# (balance below), the same rule and result as OTP's. Keys compare with
# < and > (term order: 1 and 1.0 are the same key).
defmodule :gb_trees do
  def empty, do: {0, nil}

  def is_empty({0, nil}), do: true
  def is_empty(_), do: false

  def size({s, _}) when is_integer(s) and s >= 0, do: s

  def lookup(key, {_, t}), do: lookup_1(key, t)

  defp lookup_1(key, {k, _, smaller, _}) when key < k, do: lookup_1(key, smaller)
  defp lookup_1(key, {k, _, _, bigger}) when key > k, do: lookup_1(key, bigger)
  defp lookup_1(_, {_, v, _, _}), do: {:value, v}
  defp lookup_1(_, nil), do: :none

  def is_defined(key, t), do: lookup(key, t) != :none

  def get(key, t) do
    {:value, v} = lookup(key, t)
    v
  end

  def update(key, val, {s, t}), do: {s, update_1(key, val, t)}

  defp update_1(key, val, {k, v, smaller, bigger}) when key < k,
    do: {k, v, update_1(key, val, smaller), bigger}

  defp update_1(key, val, {k, v, smaller, bigger}) when key > k,
    do: {k, v, smaller, update_1(key, val, bigger)}

  defp update_1(key, val, {_, _, smaller, bigger}), do: {key, val, smaller, bigger}

  def insert(key, val, {s, t}) when is_integer(s) do
    s1 = s + 1
    {s1, insert_1(key, val, t, s1 * s1) |> tree_of()}
  end

  # insert_1 answers {:grown, tree, height, size} while the path it came
  # up is still too deep for its size (the caller may have to rebuild),
  # else the new subtree.
  defp insert_1(key, val, {k, v, smaller, bigger}, s) when key < k do
    case insert_1(key, val, smaller, :erlang.bsr(s, 1)) do
      {:grown, t1, h1, s1} -> grown({k, v, t1, bigger}, h1, s1, bigger)
      t1 -> {k, v, t1, bigger}
    end
  end

  defp insert_1(key, val, {k, v, smaller, bigger}, s) when key > k do
    case insert_1(key, val, bigger, :erlang.bsr(s, 1)) do
      {:grown, t1, h1, s1} -> grown({k, v, smaller, t1}, h1, s1, smaller)
      t1 -> {k, v, smaller, t1}
    end
  end

  defp insert_1(key, val, nil, 0), do: {:grown, {key, val, nil, nil}, 1, 1}
  defp insert_1(key, val, nil, _), do: {key, val, nil, nil}
  defp insert_1(key, _, _, _), do: :erlang.error({:key_exists, key})

  defp grown(t, h1, s1, other) do
    {h2, s2} = count(other)
    h = :erlang.bsl(max(h1, h2), 1)
    ss = s1 + s2 + 1
    if h > ss * ss, do: balance(t, ss), else: {:grown, t, h, ss}
  end

  defp tree_of({:grown, t, _, _}), do: t
  defp tree_of(t), do: t

  defp count({_, _, nil, nil}), do: {1, 1}

  defp count({_, _, sm, bi}) do
    {h1, s1} = count(sm)
    {h2, s2} = count(bi)
    {:erlang.bsl(max(h1, h2), 1), s1 + s2 + 1}
  end

  defp count(nil), do: {1, 0}

  def balance({s, t}), do: {s, balance(t, s)}

  defp balance(t, s) do
    {t1, []} = balance_list(to_list_1(t, []), s)
    t1
  end

  defp balance_list(l, s) when s > 1 do
    sm = s - 1
    s2 = div(sm, 2)
    s1 = sm - s2
    {t1, [{k, v} | l1]} = balance_list(l, s1)
    {t2, l2} = balance_list(l1, s2)
    {{k, v, t1, t2}, l2}
  end

  defp balance_list([{k, v} | l], 1), do: {{k, v, nil, nil}, l}
  defp balance_list(l, 0), do: {nil, l}

  def from_orddict(l) do
    s = length(l)
    {t, []} = balance_list(l, s)
    {s, t}
  end

  def enter(key, val, t) do
    if is_defined(key, t), do: update(key, val, t), else: insert(key, val, t)
  end

  def delete(key, {s, t}) when is_integer(s) and s >= 0, do: {s - 1, delete_1(key, t)}

  defp delete_1(key, {k, v, smaller, bigger}) when key < k, do: {k, v, delete_1(key, smaller), bigger}
  defp delete_1(key, {k, v, smaller, bigger}) when key > k, do: {k, v, smaller, delete_1(key, bigger)}
  defp delete_1(_, {_, _, smaller, bigger}), do: merge(smaller, bigger)

  defp merge(smaller, nil), do: smaller
  defp merge(nil, bigger), do: bigger

  defp merge(smaller, bigger) do
    {k, v, bigger1} = take_smallest_1(bigger)
    {k, v, smaller, bigger1}
  end

  def delete_any(key, t), do: if(is_defined(key, t), do: delete(key, t), else: t)

  def take(key, t) do
    v = get(key, t)
    {v, delete(key, t)}
  end

  def take_any(key, t), do: if(is_defined(key, t), do: take(key, t), else: :error)

  def take_smallest({s, t}) do
    {k, v, t1} = take_smallest_1(t)
    {k, v, {s - 1, t1}}
  end

  defp take_smallest_1({k, v, nil, bigger}), do: {k, v, bigger}

  defp take_smallest_1({k, v, smaller, bigger}) do
    {k1, v1, smaller1} = take_smallest_1(smaller)
    {k1, v1, {k, v, smaller1, bigger}}
  end

  def take_largest({s, t}) do
    {k, v, t1} = take_largest_1(t)
    {k, v, {s - 1, t1}}
  end

  defp take_largest_1({k, v, smaller, nil}), do: {k, v, smaller}

  defp take_largest_1({k, v, smaller, bigger}) do
    {k1, v1, bigger1} = take_largest_1(bigger)
    {k1, v1, {k, v, smaller, bigger1}}
  end

  def smallest({_, t}), do: smallest_1(t)
  defp smallest_1({k, v, nil, _}), do: {k, v}
  defp smallest_1({_, _, smaller, _}), do: smallest_1(smaller)

  def largest({_, t}), do: largest_1(t)
  defp largest_1({k, v, _, nil}), do: {k, v}
  defp largest_1({_, _, _, bigger}), do: largest_1(bigger)

  def to_list({_, t}), do: to_list_1(t, [])

  defp to_list_1({k, v, smaller, bigger}, l), do: to_list_1(smaller, [{k, v} | to_list_1(bigger, l)])
  defp to_list_1(nil, l), do: l

  def keys({_, t}), do: keys_1(t, [])
  defp keys_1({k, _, smaller, bigger}, l), do: keys_1(smaller, [k | keys_1(bigger, l)])
  defp keys_1(nil, l), do: l

  def values({_, t}), do: values_1(t, [])
  defp values_1({_, v, smaller, bigger}, l), do: values_1(smaller, [v | values_1(bigger, l)])
  defp values_1(nil, l), do: l

  def map(f, {s, t}), do: {s, map_1(f, t)}
  defp map_1(f, {k, v, smaller, bigger}), do: {k, f.(k, v), map_1(f, smaller), map_1(f, bigger)}
  defp map_1(_, nil), do: nil

  # An iterator is the list of nodes still to visit, the next first.
  def iterator({_, t}), do: iterator_1(t, [])

  defp iterator_1({_, _, nil, _} = t, as), do: [t | as]
  defp iterator_1({_, _, l, _} = t, as), do: iterator_1(l, [t | as])
  defp iterator_1(nil, as), do: as

  def next([{k, v, _, t} | as]), do: {k, v, iterator_1(t, as)}
  def next([]), do: :none
end

defmodule :gb_sets do
  def new, do: {0, nil}
  def empty, do: {0, nil}

  def is_empty({0, nil}), do: true
  def is_empty(_), do: false

  def size({s, _}) when is_integer(s) and s >= 0, do: s

  def singleton(key), do: {1, {key, nil, nil}}

  def is_element(key, {_, t}), do: member_1(key, t)
  def is_member(key, s), do: is_element(key, s)

  defp member_1(key, {k, smaller, _}) when key < k, do: member_1(key, smaller)
  defp member_1(key, {k, _, bigger}) when key > k, do: member_1(key, bigger)
  defp member_1(_, {_, _, _}), do: true
  defp member_1(_, nil), do: false

  def insert(key, {s, t}) when is_integer(s) and s >= 0 do
    s1 = s + 1
    {s1, insert_1(key, t, s1 * s1) |> tree_of()}
  end

  defp insert_1(key, {k, smaller, bigger}, s) when key < k do
    case insert_1(key, smaller, :erlang.bsr(s, 1)) do
      {:grown, t1, h1, s1} -> grown({k, t1, bigger}, h1, s1, bigger)
      t1 -> {k, t1, bigger}
    end
  end

  defp insert_1(key, {k, smaller, bigger}, s) when key > k do
    case insert_1(key, bigger, :erlang.bsr(s, 1)) do
      {:grown, t1, h1, s1} -> grown({k, smaller, t1}, h1, s1, smaller)
      t1 -> {k, smaller, t1}
    end
  end

  defp insert_1(key, nil, 0), do: {:grown, {key, nil, nil}, 1, 1}
  defp insert_1(key, nil, _), do: {key, nil, nil}
  defp insert_1(key, _, _), do: :erlang.error({:key_exists, key})

  defp grown(t, h1, s1, other) do
    {h2, s2} = count(other)
    h = :erlang.bsl(max(h1, h2), 1)
    ss = s1 + s2 + 1
    if h > ss * ss, do: balance(t, ss), else: {:grown, t, h, ss}
  end

  defp tree_of({:grown, t, _, _}), do: t
  defp tree_of(t), do: t

  defp count({_, nil, nil}), do: {1, 1}

  defp count({_, sm, bi}) do
    {h1, s1} = count(sm)
    {h2, s2} = count(bi)
    {:erlang.bsl(max(h1, h2), 1), s1 + s2 + 1}
  end

  defp count(nil), do: {1, 0}

  def balance({s, t}), do: {s, balance(t, s)}

  defp balance(t, s) do
    {t1, []} = balance_list(to_list_1(t, []), s)
    t1
  end

  defp balance_list(l, s) when s > 1 do
    sm = s - 1
    s2 = div(sm, 2)
    s1 = sm - s2
    {t1, [k | l1]} = balance_list(l, s1)
    {t2, l2} = balance_list(l1, s2)
    {{k, t1, t2}, l2}
  end

  defp balance_list([k | l], 1), do: {{k, nil, nil}, l}
  defp balance_list(l, 0), do: {nil, l}

  # The same from a list in descending order (the set operations collect
  # their result that way); the bigger half goes right.
  defp balance_revlist(l, s) do
    {t, _} = balance_revlist_1(l, s)
    t
  end

  defp balance_revlist_1(l, s) when s > 1 do
    sm = s - 1
    s2 = div(sm, 2)
    s1 = sm - s2
    {t2, [k | l1]} = balance_revlist_1(l, s1)
    {t1, l2} = balance_revlist_1(l1, s2)
    {{k, t1, t2}, l2}
  end

  defp balance_revlist_1([k | l], 1), do: {{k, nil, nil}, l}
  defp balance_revlist_1(l, 0), do: {nil, l}

  def from_ordset(l) do
    s = length(l)
    {t, []} = balance_list(l, s)
    {s, t}
  end

  def from_list(l), do: from_ordset(:lists.usort(l))

  def add_element(key, s), do: if(is_element(key, s), do: s, else: insert(key, s))
  def add(key, s), do: add_element(key, s)

  def delete(key, {s, t}), do: {s - 1, delete_1(key, t)}

  defp delete_1(key, {k, smaller, bigger}) when key < k, do: {k, delete_1(key, smaller), bigger}
  defp delete_1(key, {k, smaller, bigger}) when key > k, do: {k, smaller, delete_1(key, bigger)}
  defp delete_1(_, {_, smaller, bigger}), do: merge(smaller, bigger)

  defp merge(smaller, nil), do: smaller
  defp merge(nil, bigger), do: bigger

  defp merge(smaller, bigger) do
    {k, bigger1} = take_smallest_1(bigger)
    {k, smaller, bigger1}
  end

  def delete_any(key, s), do: if(is_element(key, s), do: delete(key, s), else: s)
  def del_element(key, s), do: delete_any(key, s)

  def take_smallest({s, t}) do
    {k, t1} = take_smallest_1(t)
    {k, {s - 1, t1}}
  end

  defp take_smallest_1({k, nil, bigger}), do: {k, bigger}

  defp take_smallest_1({k, smaller, bigger}) do
    {k1, smaller1} = take_smallest_1(smaller)
    {k1, {k, smaller1, bigger}}
  end

  def take_largest({s, t}) do
    {k, t1} = take_largest_1(t)
    {k, {s - 1, t1}}
  end

  defp take_largest_1({k, smaller, nil}), do: {k, smaller}

  defp take_largest_1({k, smaller, bigger}) do
    {k1, bigger1} = take_largest_1(bigger)
    {k1, {k, smaller, bigger1}}
  end

  def smallest({_, t}), do: smallest_1(t)
  defp smallest_1({k, nil, _}), do: k
  defp smallest_1({_, smaller, _}), do: smallest_1(smaller)

  def largest({_, t}), do: largest_1(t)
  defp largest_1({k, _, nil}), do: k
  defp largest_1({_, _, bigger}), do: largest_1(bigger)

  def to_list({_, t}), do: to_list_1(t, [])
  defp to_list_1({k, smaller, bigger}, l), do: to_list_1(smaller, [k | to_list_1(bigger, l)])
  defp to_list_1(nil, l), do: l

  def iterator({_, t}), do: iterator_1(t, [])
  defp iterator_1({_, nil, _} = t, as), do: [t | as]
  defp iterator_1({_, l, _} = t, as), do: iterator_1(l, [t | as])
  defp iterator_1(nil, as), do: as

  def next([{k, _, t} | as]), do: {k, iterator_1(t, as)}
  def next([]), do: :none

  def fold(f, acc, {_, t}), do: fold_1(f, acc, t)
  defp fold_1(f, acc, {k, small, big}), do: fold_1(f, f.(k, fold_1(f, acc, small)), big)
  defp fold_1(_, acc, nil), do: acc

  def filter(p, s), do: from_ordset(for x <- to_list(s), p.(x), do: x)

  def is_subset(s1, s2), do: Enum.all?(to_list(s1), &is_element(&1, s2))
  def is_disjoint(s1, s2), do: not Enum.any?(to_list(s1), &is_element(&1, s2))

  # The set operations merge the two sorted lists when the sizes are
  # close and walk the smaller one against the bigger tree otherwise,
  # with OTP's threshold (n1 * round(1.46 * log(n2))), so the result has
  # the shape OTP's has.
  defp walk?(n1, n2), do: n2 >= 10 and n2 >= n1 * round(1.46 * :math.log(n2))

  def union(sets) when is_list(sets), do: Enum.reduce(sets, new(), &union(&2, &1))

  def union({n1, t1}, {n2, t2}) when n2 < n1, do: union_l(to_list_1(t2, []), n2, t1, n1)
  def union({n1, t1}, {n2, t2}), do: union_l(to_list_1(t1, []), n1, t2, n2)

  defp union_l(l, n1, t2, n2) do
    if walk?(n1, n2),
      do: Enum.reduce(l, {n2, t2}, &add_element/2),
      else: union_2(l, to_list_1(t2, []), [], n1 + n2)
  end

  defp union_2([x | xs], [y | _] = ys, as, s) when x < y, do: union_2(xs, ys, [x | as], s)
  defp union_2([x | _] = xs, [y | ys], as, s) when x > y, do: union_2(ys, xs, [y | as], s)
  defp union_2([x | xs], [_ | ys], as, s), do: union_2(xs, ys, [x | as], s - 1)
  defp union_2([], ys, as, s), do: {s, balance_revlist(:lists.reverse(ys, as), s)}
  defp union_2(xs, [], as, s), do: {s, balance_revlist(:lists.reverse(xs, as), s)}

  def intersection([s | sets]), do: Enum.reduce(sets, s, &intersection(&2, &1))

  def intersection({n1, t1}, {n2, t2}) when n2 < n1, do: inter_l(to_list_1(t2, []), n2, t1, n1)
  def intersection({n1, t1}, {n2, t2}), do: inter_l(to_list_1(t1, []), n1, t2, n2)

  defp inter_l(l, n1, t2, n2) do
    if walk?(n1, n2) do
      as = Enum.reduce(l, [], fn x, as -> if member_1(x, t2), do: [x | as], else: as end)
      {length(as), balance_revlist(as, length(as))}
    else
      inter_2(l, to_list_1(t2, []), [], 0)
    end
  end

  defp inter_2([x | xs], [y | _] = ys, as, s) when x < y, do: inter_2(xs, ys, as, s)
  defp inter_2([x | _] = xs, [y | ys], as, s) when x > y, do: inter_2(ys, xs, as, s)
  defp inter_2([x | xs], [_ | ys], as, s), do: inter_2(xs, ys, [x | as], s + 1)
  defp inter_2(_, _, as, s), do: {s, balance_revlist(as, s)}

  def difference({n1, t1}, {n2, t2}) do
    l = to_list_1(t1, [])

    if walk?(n1, n2) do
      as = Enum.reduce(l, [], fn x, as -> if member_1(x, t2), do: as, else: [x | as] end)
      {length(as), balance_revlist(as, length(as))}
    else
      diff_2(l, to_list_1(t2, []), [], n1)
    end
  end

  def subtract(s1, s2), do: difference(s1, s2)

  defp diff_2([x | xs], [y | _] = ys, as, s) when x < y, do: diff_2(xs, ys, [x | as], s)
  defp diff_2([x | _] = xs, [y | ys], as, s) when x > y, do: diff_2(xs, ys, as, s)
  defp diff_2([_ | xs], [_ | ys], as, s), do: diff_2(xs, ys, as, s - 1)
  defp diff_2([], _, as, s), do: {s, balance_revlist(as, s)}
  defp diff_2(xs, [], as, s), do: {s, balance_revlist(:lists.reverse(xs, as), s)}
end
