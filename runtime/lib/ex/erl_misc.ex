# Small Erlang modules whose data are plain terms, so they print as in
# Erlang: :ordsets (sorted lists without duplicates), :orddict (sorted
# key-value lists), :proplists, :base64, :os (type, getenv) and the
# date arithmetic of :calendar. Elements compare with == and <, as in
# Erlang (1 and 1.0 are the same element).
defmodule :ordsets do
  def new, do: []
  def from_list(l), do: :lists.usort(l)
  def to_list(s), do: s
  def is_set(s), do: is_list(s) and s == :lists.usort(s)
  def size(s), do: Kernel.length(s)
  def is_empty(s), do: s == []
  def is_element(e, s), do: Enum.any?(s, &(&1 == e))
  def add_element(e, s), do: union([e], s)
  def del_element(e, s), do: Enum.reject(s, &(&1 == e))
  def union(sets) when is_list(sets), do: Enum.reduce(sets, [], &union(&2, &1))
  def union([], b), do: b
  def union(a, []), do: a
  def union([x | a], [y | _] = b) when x < y, do: [x | union(a, b)]
  def union([x | _] = a, [y | b]) when y < x, do: [y | union(a, b)]
  def union([x | a], [_ | b]), do: [x | union(a, b)]
  def intersection([s | sets]), do: Enum.reduce(sets, s, &intersection(&2, &1))
  def intersection(a, b), do: Enum.filter(a, &is_element(&1, b))
  def subtract(a, b), do: Enum.reject(a, &is_element(&1, b))
  def is_subset(a, b), do: Enum.all?(a, &is_element(&1, b))
  def is_disjoint(a, b), do: not Enum.any?(a, &is_element(&1, b))
  def fold(f, acc, s), do: Enum.reduce(s, acc, f)
  def filter(p, s), do: Enum.filter(s, p)
  def map(f, s), do: s |> Enum.map(f) |> :lists.usort()
end

defmodule :orddict do
  def new, do: []
  def from_list(l), do: Enum.reduce(l, [], fn {k, v}, d -> store(k, v, d) end)
  def to_list(d), do: d
  def size(d), do: Kernel.length(d)
  def is_empty(d), do: d == []
  def is_key(k, d), do: Enum.any?(d, fn {k1, _} -> k1 == k end)
  def fetch_keys(d), do: Enum.map(d, &elem(&1, 0))

  def store(k, v, [{k1, _} = e | d]) when k > k1, do: [e | store(k, v, d)]
  def store(k, v, [{k1, _} | d]) when k == k1, do: [{k, v} | d]
  def store(k, v, d), do: [{k, v} | d]

  def find(k, d) do
    case Enum.find(d, fn {k1, _} -> k1 == k end) do
      {_, v} -> {:ok, v}
      nil -> :error
    end
  end

  def fetch(k, d) do
    case find(k, d) do
      {:ok, v} -> v
      :error -> :erlang.error(:function_clause, [k, d])
    end
  end

  def erase(k, d), do: Enum.reject(d, fn {k1, _} -> k1 == k end)

  def take(k, d) do
    case find(k, d) do
      {:ok, v} -> {v, erase(k, d)}
      :error -> :error
    end
  end

  def update(k, f, d), do: store(k, f.(fetch(k, d)), d)

  def update(k, f, init, d) do
    case find(k, d) do
      {:ok, v} -> store(k, f.(v), d)
      :error -> store(k, init, d)
    end
  end

  def update_counter(k, incr, d), do: update(k, &(&1 + incr), incr, d)
  def append(k, v, d), do: update(k, &(&1 ++ [v]), [v], d)
  def append_list(k, l, d), do: update(k, &(&1 ++ l), l, d)
  def fold(f, acc, d), do: Enum.reduce(d, acc, fn {k, v}, a -> f.(k, v, a) end)
  def map(f, d), do: Enum.map(d, fn {k, v} -> {k, f.(k, v)} end)
  def filter(p, d), do: Enum.filter(d, fn {k, v} -> p.(k, v) end)

  def merge(f, d1, d2) do
    Enum.reduce(d2, d1, fn {k, v2}, acc ->
      case find(k, acc) do
        {:ok, v1} -> store(k, f.(k, v1, v2), acc)
        :error -> store(k, v2, acc)
      end
    end)
  end
end

defmodule :proplists do
  def get_value(k, l), do: get_value(k, l, :undefined)

  def get_value(k, l, default) do
    case lookup(k, l) do
      {^k, v} -> v
      ^k -> true
      :none -> default
      _ -> default
    end
  end

  def lookup(k, l) do
    Enum.find_value(l, :none, fn
      ^k -> {k, true}
      t when is_tuple(t) and tuple_size(t) > 0 and elem(t, 0) == k -> t
      _ -> nil
    end)
  end

  def lookup_all(k, l), do: Enum.filter(Enum.map(l, &norm/1), &(is_tuple(&1) and tuple_size(&1) > 0 and elem(&1, 0) == k))
  def get_all_values(k, l), do: for({^k, v} <- Enum.map(l, &norm/1), do: v)
  def get_bool(k, l), do: get_value(k, l, false) == true
  def is_defined(k, l), do: lookup(k, l) != :none
  def delete(k, l), do: Enum.reject(l, &(&1 == k or (is_tuple(&1) and tuple_size(&1) > 0 and elem(&1, 0) == k)))
  def get_keys(l), do: l |> Enum.map(&norm/1) |> Enum.filter(&(is_tuple(&1) and tuple_size(&1) > 0)) |> Enum.map(&elem(&1, 0)) |> :lists.usort()
  def property(k, v), do: if(v == true, do: k, else: {k, v})
  def compact(l), do: Enum.map(l, fn {k, true} -> k; x -> x end)
  def unfold(l), do: Enum.map(l, &norm/1)

  defp norm(a) when is_atom(a), do: {a, true}
  defp norm(x), do: x
end

defmodule :base64 do
  def encode(data), do: Base.encode64(IO.iodata_to_binary(data))
  def decode(data), do: Base.decode64!(IO.iodata_to_binary(data), ignore: :whitespace)
  def encode_to_string(data), do: data |> encode() |> String.to_charlist()
  def decode_to_string(data), do: data |> decode() |> :erlang.binary_to_list()
  def mime_decode(data), do: decode(data)
end

defmodule :os do
  def type, do: {:unix, :linux}

  def getenv(name) do
    case System.get_env(to_string(name)) do
      nil -> false
      v -> String.to_charlist(v)
    end
  end

  def getenv(name, default) do
    case getenv(name) do
      false -> default
      v -> v
    end
  end

  def system_time, do: :erlang.system_time()
  def system_time(unit), do: :erlang.system_time(unit)
end

defmodule :calendar do
  def is_leap_year(y), do: rem(y, 4) == 0 and (rem(y, 100) != 0 or rem(y, 400) == 0)

  def last_day_of_the_month(y, 2), do: if(is_leap_year(y), do: 29, else: 28)
  def last_day_of_the_month(_y, m) when m in [4, 6, 9, 11], do: 30
  def last_day_of_the_month(_y, m) when m in 1..12, do: 31

  def valid_date({y, m, d}), do: valid_date(y, m, d)
  def valid_date(y, m, d) when is_integer(y) and is_integer(m) and is_integer(d),
    do: y >= 0 and m in 1..12 and d >= 1 and d <= last_day_of_the_month(y, m)
  def valid_date(_, _, _), do: false

  # Days since year 0 (0000-01-01 is day 0), as OTP counts.
  def date_to_gregorian_days({y, m, d}), do: date_to_gregorian_days(y, m, d)

  def date_to_gregorian_days(y, m, d) do
    days_before_year =
      if y == 0, do: 0, else: y * 365 + div(y - 1, 4) - div(y - 1, 100) + div(y - 1, 400) + 1
    days_before_month = Enum.sum(for mm <- 1..(m - 1)//1, do: last_day_of_the_month(y, mm))
    days_before_year + days_before_month + d - 1
  end

  def gregorian_days_to_date(days) do
    y = year_of(days, div(days * 400, 146_097))
    rest = days - date_to_gregorian_days(y, 1, 1)
    {m, d} = month_day(y, 1, rest)
    {y, m, d}
  end

  defp year_of(days, y) do
    cond do
      date_to_gregorian_days(y + 1, 1, 1) <= days -> year_of(days, y + 1)
      date_to_gregorian_days(y, 1, 1) > days -> year_of(days, y - 1)
      true -> y
    end
  end

  defp month_day(y, m, rest) do
    n = last_day_of_the_month(y, m)
    if rest < n, do: {m, rest + 1}, else: month_day(y, m + 1, rest - n)
  end

  # 1 = Monday ... 7 = Sunday; 0000-01-01 was a Saturday.
  def day_of_the_week({y, m, d}), do: day_of_the_week(y, m, d)
  def day_of_the_week(y, m, d), do: rem(date_to_gregorian_days(y, m, d) + 5, 7) + 1

  def datetime_to_gregorian_seconds({date, {h, mi, s}}),
    do: date_to_gregorian_days(date) * 86400 + h * 3600 + mi * 60 + s

  def gregorian_seconds_to_datetime(secs) do
    {gregorian_days_to_date(div(secs, 86400)), seconds_to_time(rem(secs, 86400))}
  end

  def seconds_to_time(s), do: {div(s, 3600), div(rem(s, 3600), 60), rem(s, 60)}
  def time_to_seconds({h, m, s}), do: h * 3600 + m * 60 + s

  def universal_time do
    {:ok, ndt} = NaiveDateTime.from_erl({{1970, 1, 1}, {0, 0, 0}})
    ndt |> NaiveDateTime.add(:erlang.system_time(:second)) |> NaiveDateTime.to_erl()
  end

  def local_time, do: universal_time()
end
