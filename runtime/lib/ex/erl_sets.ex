# Erlang's :sets and :dict with their representation, since programs
# print them and their to_list order shows through: OTP 25's linear
# hashing table, the record {tag, size, n, maxn, bso, exp_size, con_size,
# empty_segment, segments} (tag :set or :dict), buckets of 16 slots per
# segment, grown a slot at a time past 5 elements per slot and shrunk
# below 3. A slot comes from :erlang.phash/2, OTP's old term hash
# (:mote_erl_hash below), so every element lands where OTP puts it.
# Elements and keys compare exactly (1 and 1.0 differ), as in OTP.
# :sets.new(version: 2) and from_list(l, version: 2) are maps of
# element => [], OTP 25's newer form.

defmodule :mote_erl_hash do
  @moduledoc false
  import Bitwise

  @m 0xFFFFFFFF
  @f1 268_440_163
  @f2 268_439_161
  @f3 268_435_459
  @f4 268_436_141
  @f6 268_437_017
  @f8 268_437_511
  @f9 268_439_627
  @f12 268_440_581
  @f13 268_440_593
  @f14 268_440_611

  # :erlang.phash(term, range): erts's make_hash (32 bits) mod range, + 1.
  # Pids, ports, references and funs hash by phash2 instead: their
  # numbers are this node's own, so no program can expect OTP's values.
  def phash(term, range) when is_integer(range) and range > 0, do: rem(h(term, 0), range) + 1

  defp step32(h, x, p) do
    h = band(h * p + band(x, 0xFF), @m)
    h = band(h * p + band(x >>> 8, 0xFF), @m)
    h = band(h * p + band(x >>> 16, 0xFF), @m)
    band(h * p + (x >>> 24), @m)
  end

  defp sign(h, i), do: band(h * if(i < 0, do: @f4, else: @f3), @m)

  defp h([], h), do: band(h * @f3 + 1, @m)
  defp h(a, h) when is_atom(a), do: band(h * @f1 + pjw(Atom.to_string(a), 0), @m)

  # an integer of up to 64 bits: its magnitude's bytes, low first, as two
  # 32-bit words (the high one only when not zero)
  defp h(i, h) when is_integer(i) and i > -0x10000000000000000 and i < 0x10000000000000000 do
    y = abs(i)
    h = step32(h, band(y, @m), @f2)
    h = if y >>> 32 != 0, do: step32(h, y >>> 32, @f2), else: h
    sign(h, i)
  end

  # a bignum: the same bytes for every 64-bit digit, the top one cut to 4
  # bytes when its high half is zero
  defp h(i, h) when is_integer(i) do
    bytes = le_bytes(abs(i))
    n = div(length(bytes) + 7, 8) * 8
    bytes = bytes ++ List.duplicate(0, n - length(bytes))
    keep = if Enum.all?(Enum.drop(bytes, n - 4), &(&1 == 0)), do: n - 4, else: n
    h = Enum.reduce(Enum.take(bytes, keep), h, fn b, h -> band(h * @f2 + b, @m) end)
    sign(h, i)
  end

  defp le_bytes(0), do: []
  defp le_bytes(y), do: [band(y, 0xFF) | le_bytes(y >>> 8)]

  defp h(f, h) when is_float(f) do
    <<w1::32, w0::32>> = <<f + 0.0::float-big>>
    band(h * @f6 + bxor(w0, w1), @m)
  end

  defp h(b, h) when is_bitstring(b) do
    full = div(bit_size(b), 8)
    bits = rem(bit_size(b), 8)
    <<bytes::binary-size(full), rest::bits>> = b
    h = Enum.reduce(:binary.bin_to_list(bytes), h, fn c, h -> band(h * @f1 + c, @m) end)

    h =
      if bits > 0 do
        <<v::size(bits)>> = rest
        band(band(h * @f1 + v, @m) * @f12 + bits, @m)
      else
        h
      end

    band(h * @f4 + full, @m)
  end

  defp h(t, h) when is_tuple(t) do
    h = Enum.reduce(Tuple.to_list(t), h, fn e, h -> h(e, h) end)
    band(h * @f9 + tuple_size(t), @m)
  end

  defp h(%{} = m, h), do: band(h * @f13 + @f14 + :erlang.phash2(m, 4_294_967_296), @m)
  defp h([_ | _] = l, h), do: hl(l, h)
  defp h(other, h), do: band(h * @f13 + :erlang.phash2(other, 4_294_967_296), @m)

  # erts hashes bytes of a list in place (its shortcut for strings); a
  # tail that is not a cons is hashed too, then the whole scaled once
  defp hl([x | rest], h) when is_integer(x) and x >= 0 and x < 256, do: hl(rest, band(h * @f2 + x, @m))
  defp hl([x | rest], h), do: hl(rest, h(x, h))
  defp hl(tail, h), do: band(h(tail, h) * @f8, @m)

  # the atom table's hashpjw of the name; a two-byte UTF-8 sequence of a
  # Latin-1 letter counts as that one byte (erts keeps old hashes so)
  defp pjw(<<c, n, rest::binary>>, h) when band(c, 0xFE) == 0xC2 and band(n, 0xC0) == 0x80,
    do: pjw(rest, pjw_step(h, band(bor(c <<< 6, band(n, 0x3F)), 0xFF)))

  defp pjw(<<c, rest::binary>>, h), do: pjw(rest, pjw_step(h, c))

  defp pjw_step(h, c) do
    h = band((h <<< 4) + c, @m)
    g = band(h, 0xF0000000)
    if g != 0, do: bxor(bxor(h, g >>> 24), g), else: h
  end

  defp pjw(<<>>, h), do: h
end

defmodule :mote_erl_hashtab do
  @moduledoc false
  # The table both :sets and :dict use. An entry is the element itself
  # (:set) or [key | value] (:dict); key/2 tells the key.
  @seg 16

  def new(tag) do
    empty = :erlang.make_tuple(@seg, [])
    {tag, 0, @seg, @seg, div(@seg, 2), @seg * 5, @seg * 3, empty, {empty}}
  end

  def key(:dict, [k | _]), do: k
  def key(_, e), do: e

  def size(t), do: elem(t, 1)

  def slot(t, k) do
    h = :mote_erl_hash.phash(k, elem(t, 3))
    if h > elem(t, 2), do: h - elem(t, 4), else: h
  end

  def bucket(t, slot), do: bucket_s(elem(t, 8), slot)

  defp bucket_s(segs, slot) do
    elem(elem(segs, div(slot - 1, @seg)), rem(slot - 1, @seg))
  end

  defp put_bucket_s(segs, slot, b) do
    i = div(slot - 1, @seg)
    put_elem(segs, i, put_elem(elem(segs, i), rem(slot - 1, @seg), b))
  end

  # Replaces the bucket at slot with f's answer {bucket, count} and
  # returns {table, count}.
  def on_bucket(t, slot, f) do
    {b, c} = f.(bucket(t, slot))
    {put_elem(t, 8, put_bucket_s(elem(t, 8), slot, b)), c}
  end

  def maybe_expand(t0, ic) do
    if elem(t0, 1) + ic > elem(t0, 5) do
      t = maybe_expand_segs(t0)
      n = elem(t, 2) + 1
      segs = elem(t, 8)
      slot1 = n - elem(t, 4)
      {b1, b2} = rehash(elem(t, 0), bucket_s(segs, slot1), slot1, n, elem(t, 3))
      segs = segs |> put_bucket_s(slot1, b1) |> put_bucket_s(n, b2)
      {elem(t, 0), elem(t, 1) + ic, n, elem(t, 3), elem(t, 4), n * 5, n * 3, elem(t, 7), segs}
    else
      put_elem(t0, 1, elem(t0, 1) + ic)
    end
  end

  defp maybe_expand_segs(t) do
    if elem(t, 2) == elem(t, 3) do
      segs = elem(t, 8)
      more = List.duplicate(elem(t, 7), tuple_size(segs))
      t = t |> put_elem(3, 2 * elem(t, 3)) |> put_elem(4, 2 * elem(t, 4))
      put_elem(t, 8, List.to_tuple(Tuple.to_list(segs) ++ more))
    else
      t
    end
  end

  defp rehash(tag, [e | rest], slot1, slot2, maxn) do
    {l1, l2} = rehash(tag, rest, slot1, slot2, maxn)
    if :mote_erl_hash.phash(key(tag, e), maxn) == slot1, do: {[e | l1], l2}, else: {l1, [e | l2]}
  end

  defp rehash(_, [], _, _, _), do: {[], []}

  def maybe_contract(t, dc) do
    if elem(t, 1) - dc < elem(t, 6) and elem(t, 2) > @seg do
      n = elem(t, 2)
      slot1 = n - elem(t, 4)
      segs = elem(t, 8)
      segs = put_bucket_s(segs, slot1, bucket_s(segs, slot1) ++ bucket_s(segs, n))
      segs = put_bucket_s(segs, n, [])
      n1 = n - 1
      t = {elem(t, 0), elem(t, 1) - dc, n1, elem(t, 3), elem(t, 4), n1 * 5, n1 * 3, elem(t, 7), segs}

      if n1 == elem(t, 4) do
        half = div(tuple_size(segs), 2)
        segs = List.to_tuple(Enum.take(Tuple.to_list(segs), half))
        t |> put_elem(3, div(elem(t, 3), 2)) |> put_elem(4, div(elem(t, 4), 2)) |> put_elem(8, segs)
      else
        t
      end
    else
      put_elem(t, 1, elem(t, 1) - dc)
    end
  end

  # Every entry, from the last slot down and each bucket front to back.
  def fold(t, acc, f) do
    segs = elem(t, 8)

    Enum.reduce((tuple_size(segs) - 1)..0//-1, acc, fn i, acc ->
      seg = elem(segs, i)

      Enum.reduce((tuple_size(seg) - 1)..0//-1, acc, fn j, acc ->
        Enum.reduce(elem(seg, j), acc, f)
      end)
    end)
  end

  # Keeps the entries keep? accepts, then shrinks once for all the
  # removed. OTP's :sets leaves each bucket reversed, its :dict does not.
  def filter(t, keep?) do
    {segs, fc} =
      Enum.map_reduce(Tuple.to_list(elem(t, 8)), 0, fn seg, fc ->
        {bkts, fc} =
          Enum.map_reduce(Tuple.to_list(seg), fc, fn b, fc ->
            {fb, fc} =
              Enum.reduce(b, {[], fc}, fn e, {fb, fc} ->
                if keep?.(e), do: {[e | fb], fc}, else: {fb, fc + 1}
              end)

            {if(elem(t, 0) == :dict, do: :lists.reverse(fb), else: fb), fc}
          end)

        {List.to_tuple(bkts), fc}
      end)

    maybe_contract(put_elem(t, 8, List.to_tuple(segs)), fc)
  end

  # Maps every entry in place (no reordering).
  def map(t, f) do
    segs =
      for seg <- Tuple.to_list(elem(t, 8)) do
        List.to_tuple(for b <- Tuple.to_list(seg), do: Enum.map(b, f))
      end

    put_elem(t, 8, List.to_tuple(segs))
  end
end

defmodule :sets do
  alias :mote_erl_hashtab, as: T

  def new, do: T.new(:set)
  def new(opts), do: if(version(opts) == 2, do: %{}, else: new())

  defp version(opts) do
    case List.keyfind(opts, :version, 0) do
      {_, v} -> v
      nil -> 1
    end
  end

  def from_list(l), do: :lists.foldl(&add_element/2, new(), l)

  def from_list(l, opts) do
    if version(opts) == 2, do: Map.new(l, &{&1, []}), else: from_list(l)
  end

  def is_set(s) when is_map(s), do: true
  def is_set(s), do: is_tuple(s) and tuple_size(s) == 9 and elem(s, 0) == :set

  def size(s) when is_map(s), do: map_size(s)
  def size(s), do: T.size(s)

  def is_empty(s), do: size(s) == 0

  def to_list(s) when is_map(s), do: Map.keys(s)
  def to_list(s), do: T.fold(s, [], &[&1 | &2])

  def is_element(e, s) when is_map(s), do: Map.has_key?(s, e)
  def is_element(e, s), do: Enum.any?(T.bucket(s, T.slot(s, e)), &(&1 === e))

  def add_element(e, s) when is_map(s), do: Map.put(s, e, [])

  def add_element(e, s) do
    {s1, ic} =
      T.on_bucket(s, T.slot(s, e), fn b ->
        if Enum.any?(b, &(&1 === e)), do: {b, 0}, else: {[e | b], 1}
      end)

    T.maybe_expand(s1, ic)
  end

  def del_element(e, s) when is_map(s), do: Map.delete(s, e)

  def del_element(e, s) do
    {s1, dc} = T.on_bucket(s, T.slot(s, e), &del_el(e, &1))
    T.maybe_contract(s1, dc)
  end

  defp del_el(_, []), do: {[], 0}
  defp del_el(e, [x | b]) when x === e, do: {b, 1}

  defp del_el(e, [x | b]) do
    {b1, dc} = del_el(e, b)
    {[x | b1], dc}
  end

  def fold(f, acc, s) when is_map(s), do: :maps.fold(fn e, _, a -> f.(e, a) end, acc, s)
  def fold(f, acc, s), do: T.fold(s, acc, f)

  def filter(p, s) when is_map(s), do: :maps.filter(fn e, _ -> p.(e) end, s)
  def filter(p, s), do: T.filter(s, p)

  def union(s1, s2) when is_map(s1) and is_map(s2), do: Map.merge(s1, s2)

  def union(s1, s2) do
    if size(s1) < size(s2),
      do: fold(&add_element/2, s2, s1),
      else: fold(&add_element/2, s1, s2)
  end

  def union([s | sets]), do: Enum.reduce(sets, s, &union(&2, &1))
  def union([]), do: new()

  def intersection(s1, s2) do
    if size(s1) < size(s2),
      do: filter(&is_element(&1, s2), s1),
      else: filter(&is_element(&1, s1), s2)
  end

  def intersection([s | sets]), do: Enum.reduce(sets, s, &intersection(&2, &1))

  def subtract(s1, s2), do: filter(&(not is_element(&1, s2)), s1)

  def is_subset(s1, s2), do: fold(fn e, sub -> sub and is_element(e, s2) end, true, s1)

  def is_disjoint(s1, s2) do
    {small, big} = if size(s1) < size(s2), do: {s1, s2}, else: {s2, s1}
    fold(fn e, dis -> dis and not is_element(e, big) end, true, small)
  end
end

defmodule :dict do
  alias :mote_erl_hashtab, as: T

  def new, do: T.new(:dict)

  def from_list(l), do: :lists.foldl(fn {k, v}, d -> store(k, v, d) end, new(), l)

  def is_empty(d), do: T.size(d) == 0
  def size(d), do: T.size(d)

  def to_list(d), do: T.fold(d, [], fn [k | v], l -> [{k, v} | l] end)
  def fetch_keys(d), do: T.fold(d, [], fn [k | _], l -> [k | l] end)

  defp bucket_find(k, d), do: Enum.find(T.bucket(d, T.slot(d, k)), fn [k1 | _] -> k1 === k end)

  def is_key(k, d), do: bucket_find(k, d) != nil

  def find(k, d) do
    case bucket_find(k, d) do
      [_ | v] -> {:ok, v}
      nil -> :error
    end
  end

  def fetch(k, d) do
    case bucket_find(k, d) do
      [_ | v] -> v
      nil -> :erlang.error(:badarg, [k, d])
    end
  end

  # Runs f on the [key | value] entry for k ({:found, entry} or
  # :missing), which answers the new entry or nil to drop it; a new key
  # goes at the end of its bucket. Returns {dict, +1 / 0 / -1}.
  defp on_key(d, k, f) do
    T.on_bucket(d, T.slot(d, k), fn b -> edit(b, k, f) end)
  end

  defp edit([[k1 | _] = e | b], k, f) when k1 === k do
    case f.({:found, e}) do
      nil -> {b, -1}
      e1 -> {[e1 | b], 0}
    end
  end

  defp edit([e | b], k, f) do
    {b1, c} = edit(b, k, f)
    {[e | b1], c}
  end

  defp edit([], _, f) do
    case f.(:missing) do
      nil -> {[], 0}
      e -> {[e], 1}
    end
  end

  defp grow(d, k, f) do
    {d1, ic} = on_key(d, k, f)
    T.maybe_expand(d1, ic)
  end

  def store(k, v, d), do: grow(d, k, fn _ -> [k | v] end)

  def append(k, v, d) do
    grow(d, k, fn
      {:found, [_ | bag]} -> [k | bag ++ [v]]
      :missing -> [k | [v]]
    end)
  end

  def append_list(k, l, d) do
    grow(d, k, fn
      {:found, [_ | bag]} -> [k | bag ++ l]
      :missing -> [k | l]
    end)
  end

  def update_counter(k, incr, d) when is_number(incr) do
    grow(d, k, fn
      {:found, [_ | v]} -> [k | v + incr]
      :missing -> [k | incr]
    end)
  end

  def update(k, f, d) do
    grow(d, k, fn
      {:found, [k1 | v]} -> [k1 | f.(v)]
      :missing -> :erlang.error(:badarg, [k, f, d])
    end)
  end

  def update(k, f, init, d) do
    grow(d, k, fn
      {:found, [k1 | v]} -> [k1 | f.(v)]
      :missing -> [k | init]
    end)
  end

  def erase(k, d) do
    {d1, c} = on_key(d, k, fn _ -> nil end)
    T.maybe_contract(d1, -c)
  end

  def take(k, d) do
    case find(k, d) do
      {:ok, v} -> {v, erase(k, d)}
      :error -> :error
    end
  end

  def fold(f, acc, d), do: T.fold(d, acc, fn [k | v], a -> f.(k, v, a) end)
  def map(f, d), do: T.map(d, fn [k | v] -> [k | f.(k, v)] end)
  def filter(f, d), do: T.filter(d, fn [k | v] -> f.(k, v) end)

  def merge(f, d1, d2) do
    if size(d1) < size(d2) do
      fold(fn k, v1, d -> update(k, fn v2 -> f.(k, v1, v2) end, v1, d) end, d2, d1)
    else
      fold(fn k, v2, d -> update(k, fn v1 -> f.(k, v1, v2) end, v2, d) end, d1, d2)
    end
  end
end
