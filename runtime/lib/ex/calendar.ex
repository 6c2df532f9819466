# Calendar types of the ISO calendar: Date, Time, NaiveDateTime and UTC
# DateTime, with the struct layouts of Elixir 1.14 (microsecond is
# {value, precision}), ISO 8601 parsing for the ~D ~T ~N ~U sigils, and
# compare/2 so that Enum.sort(dates, Date) works. Inspect printers live
# in C (lib/structs.c). Time zones other than Etc/UTC are not supported.
defmodule Calendar.ISO do
  def leap_year?(year) when is_integer(year) do
    rem(year, 4) == 0 and (rem(year, 100) != 0 or rem(year, 400) == 0)
  end

  def days_in_month(year, 2), do: if(leap_year?(year), do: 29, else: 28)
  def days_in_month(_, month) when month in [4, 6, 9, 11], do: 30
  def days_in_month(_, month) when month in 1..12, do: 31

  def valid_date?(year, month, day) when is_integer(year) and is_integer(month) and is_integer(day) do
    month >= 1 and month <= 12 and day >= 1 and day <= days_in_month(year, month)
  end

  def valid_time?(hour, minute, second) do
    hour in 0..23 and minute in 0..59 and second in 0..59
  end

  # Days since 0000-01-01 (proleptic Gregorian), the count Date.diff and
  # Date.add work in.
  def date_to_days(year, month, day) do
    y = if month <= 2, do: year - 1, else: year
    era = div(if(y >= 0, do: y, else: y - 399), 400)
    yoe = y - era * 400
    mp = rem(month + 9, 12)
    doy = div(153 * mp + 2, 5) + day - 1
    doe = yoe * 365 + div(yoe, 4) - div(yoe, 100) + doy
    era * 146_097 + doe + 60
  end

  def days_to_date(days) do
    z = days - 60
    era = div(if(z >= 0, do: z, else: z - 146_096), 146_097)
    doe = z - era * 146_097
    yoe = div(doe - div(doe, 1460) + div(doe, 36524) - div(doe, 146_096), 365)
    doy = doe - (365 * yoe + div(yoe, 4) - div(yoe, 100))
    mp = div(5 * doy + 2, 153)
    day = doy - div(153 * mp + 2, 5) + 1
    month = if mp < 10, do: mp + 3, else: mp - 9
    year = yoe + era * 400 + if(month <= 2, do: 1, else: 0)
    {year, month, day}
  end

  # "2015-01-13" -> {:ok, {2015, 1, 13}}
  def parse_date(<<y::binary-size(4), ?-, m::binary-size(2), ?-, d::binary-size(2)>>) do
    with {:ok, year} <- digits(y), {:ok, month} <- digits(m), {:ok, day} <- digits(d) do
      if valid_date?(year, month, day), do: {:ok, {year, month, day}}, else: {:error, :invalid_date}
    end
  end

  def parse_date(_), do: {:error, :invalid_format}

  # "13:00:07" or "13:00:07.001" -> {:ok, {13, 0, 7, {1000, 3}}, rest}
  def parse_time(<<h::binary-size(2), ?:, mi::binary-size(2), ?:, s::binary-size(2), rest::binary>>) do
    with {:ok, hour} <- digits(h), {:ok, minute} <- digits(mi), {:ok, second} <- digits(s),
         {:ok, us, rest} <- fraction(rest) do
      if valid_time?(hour, minute, second),
        do: {:ok, {hour, minute, second, us}, rest},
        else: {:error, :invalid_time}
    end
  end

  def parse_time(_), do: {:error, :invalid_format}

  defp fraction(<<?., rest::binary>>) do
    {frac, rest} = take_digits(rest, "")
    n = byte_size(frac)

    if n == 0 do
      {:error, :invalid_format}
    else
      kept = binary_part(frac, 0, min(n, 6))
      value = String.to_integer(kept) * pow10(6 - byte_size(kept))
      {:ok, {value, min(n, 6)}, rest}
    end
  end

  defp fraction(rest), do: {:ok, {0, 0}, rest}

  defp take_digits(<<c, rest::binary>>, acc) when c in ?0..?9, do: take_digits(rest, acc <> <<c>>)
  defp take_digits(rest, acc), do: {acc, rest}

  defp pow10(0), do: 1
  defp pow10(n), do: 10 * pow10(n - 1)

  defp digits(bin) do
    if bin != "" and Enum.all?(:erlang.binary_to_list(bin), fn c -> c in ?0..?9 end),
      do: {:ok, String.to_integer(bin)},
      else: {:error, :invalid_format}
  end

  def pad(n, width) when n < 0, do: "-" <> pad(-n, width)
  def pad(n, width), do: String.pad_leading(Integer.to_string(n), width, "0")

  def date_string(year, month, day), do: pad(year, 4) <> "-" <> pad(month, 2) <> "-" <> pad(day, 2)

  def time_string(hour, minute, second, {value, precision}) do
    base = pad(hour, 2) <> ":" <> pad(minute, 2) <> ":" <> pad(second, 2)
    if precision == 0, do: base, else: base <> "." <> binary_part(pad(value, 6), 0, precision)
  end

  def parse_error(kind, string, reason) do
    raise ArgumentError, "cannot parse #{inspect(string)} as #{kind}, reason: #{inspect(reason)}"
  end
end

defmodule Date do
  defstruct [:year, :month, :day, calendar: Calendar.ISO]

  def new(year, month, day, calendar \\ Calendar.ISO) do
    if Calendar.ISO.valid_date?(year, month, day),
      do: {:ok, %Date{year: year, month: month, day: day, calendar: calendar}},
      else: {:error, :invalid_date}
  end

  def new!(year, month, day, calendar \\ Calendar.ISO) do
    case new(year, month, day, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot build date, reason: #{inspect(reason)}"
    end
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case Calendar.ISO.parse_date(string) do
      {:ok, {y, m, d}} -> {:ok, %Date{year: y, month: m, day: d, calendar: calendar}}
      error -> error
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, date} -> date
      {:error, reason} -> Calendar.ISO.parse_error("date", string, reason)
    end
  end

  def to_iso8601(%{year: y, month: m, day: d}), do: Calendar.ISO.date_string(y, m, d)
  def to_string(%{year: y, month: m, day: d}), do: Calendar.ISO.date_string(y, m, d)
  def to_erl(%{year: y, month: m, day: d}), do: {y, m, d}
  def from_erl({y, m, d}, calendar \\ Calendar.ISO), do: new(y, m, d, calendar)
  def from_erl!(erl, calendar \\ Calendar.ISO), do: from_erl(erl, calendar) |> unwrap()

  defp unwrap({:ok, v}), do: v
  defp unwrap({:error, reason}), do: raise(ArgumentError, "cannot convert, reason: #{inspect(reason)}")

  def compare(%{year: y1, month: m1, day: d1}, %{year: y2, month: m2, day: d2}) do
    cond do
      {y1, m1, d1} > {y2, m2, d2} -> :gt
      {y1, m1, d1} < {y2, m2, d2} -> :lt
      true -> :eq
    end
  end

  def leap_year?(%{year: y}), do: Calendar.ISO.leap_year?(y)
  def days_in_month(%{year: y, month: m}), do: Calendar.ISO.days_in_month(y, m)
  def months_in_year(_), do: 12

  def to_days(%{year: y, month: m, day: d}), do: Calendar.ISO.date_to_days(y, m, d)

  def from_days(days) do
    {y, m, d} = Calendar.ISO.days_to_date(days)
    %Date{year: y, month: m, day: d}
  end

  def add(%{calendar: cal} = date, days) when is_integer(days) do
    %{from_days(to_days(date) + days) | calendar: cal}
  end

  def diff(a, b), do: to_days(a) - to_days(b)

  # ISO weekday: 1 is Monday. 0000-01-01 was a Saturday.
  def day_of_week(date), do: Integer.mod(to_days(date) + 5, 7) + 1
  def day_of_year(%{year: y} = date), do: to_days(date) - Calendar.ISO.date_to_days(y, 1, 1) + 1

  def beginning_of_month(%{} = date), do: %{date | day: 1}
  def end_of_month(%{} = date), do: %{date | day: days_in_month(date)}

  def range(first, last) do
    step = if compare(first, last) == :gt, do: -1, else: 1
    Enum.map(to_days(first)..to_days(last)//step, &from_days/1)
  end
end

defmodule Time do
  defstruct [:hour, :minute, :second, :microsecond, calendar: Calendar.ISO]

  def new(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    us = if is_integer(microsecond), do: {microsecond, 6}, else: microsecond

    if Calendar.ISO.valid_time?(hour, minute, second),
      do: {:ok, %Time{hour: hour, minute: minute, second: second, microsecond: us, calendar: calendar}},
      else: {:error, :invalid_time}
  end

  def new!(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case new(hour, minute, second, microsecond, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot build time, reason: #{inspect(reason)}"
    end
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case Calendar.ISO.parse_time(string) do
      {:ok, {h, mi, s, us}, ""} ->
        {:ok, %Time{hour: h, minute: mi, second: s, microsecond: us, calendar: calendar}}

      {:ok, _, _} ->
        {:error, :invalid_format}

      error ->
        error
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, time} -> time
      {:error, reason} -> Calendar.ISO.parse_error("time", string, reason)
    end
  end

  def to_string(%{hour: h, minute: mi, second: s, microsecond: us}), do: Calendar.ISO.time_string(h, mi, s, us)
  def to_iso8601(time), do: to_string(time)
  def to_erl(%{hour: h, minute: mi, second: s}), do: {h, mi, s}

  def to_seconds_after_midnight(%{hour: h, minute: mi, second: s, microsecond: {us, _}}) do
    {h * 3600 + mi * 60 + s, us}
  end

  def compare(a, b) do
    case {to_seconds_after_midnight(a), to_seconds_after_midnight(b)} do
      {x, y} when x > y -> :gt
      {x, y} when x < y -> :lt
      _ -> :eq
    end
  end

  def diff(a, b, unit \\ :second) do
    {s1, u1} = to_seconds_after_midnight(a)
    {s2, u2} = to_seconds_after_midnight(b)
    us = (s1 - s2) * 1_000_000 + u1 - u2
    NaiveDateTime.from_microseconds(us, unit)
  end
end

defmodule NaiveDateTime do
  defstruct [:calendar, :year, :month, :day, :hour, :minute, :second, :microsecond]

  def new(year, month, day, hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    with {:ok, date} <- Date.new(year, month, day, calendar),
         {:ok, time} <- Time.new(hour, minute, second, microsecond, calendar) do
      new(date, time)
    end
  end

  def new(%{year: y, month: mo, day: d, calendar: cal}, %{hour: h, minute: mi, second: s, microsecond: us}) do
    {:ok,
     %NaiveDateTime{calendar: cal, year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us}}
  end

  def new!(date, time) do
    {:ok, ndt} = new(date, time)
    ndt
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case parse(string) do
      {:ok, fields, ""} -> {:ok, struct_of(fields, calendar)}
      {:ok, fields, "Z"} -> {:ok, struct_of(fields, calendar)}
      {:ok, fields, <<sign, _::binary-size(5)>>} when sign in [?+, ?-] -> {:ok, struct_of(fields, calendar)}
      {:ok, _, _} -> {:error, :invalid_format}
      error -> error
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, ndt} -> ndt
      {:error, reason} -> Calendar.ISO.parse_error("naive datetime", string, reason)
    end
  end

  # {:ok, {date, time}, rest} for "YYYY-MM-DD HH:MM:SS[.f]rest" ("T" or
  # " " between the two).
  def parse(<<date::binary-size(10), sep, rest::binary>>) when sep in [?T, ?\s, ?t] do
    with {:ok, d} <- Calendar.ISO.parse_date(date), {:ok, t, rest} <- Calendar.ISO.parse_time(rest) do
      {:ok, {d, t}, rest}
    end
  end

  def parse(_), do: {:error, :invalid_format}

  def struct_of({{y, mo, d}, {h, mi, s, us}}, calendar) do
    %NaiveDateTime{calendar: calendar, year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us}
  end

  def to_string(%{year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us}) do
    Calendar.ISO.date_string(y, mo, d) <> " " <> Calendar.ISO.time_string(h, mi, s, us)
  end

  def to_iso8601(%{year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us}) do
    Calendar.ISO.date_string(y, mo, d) <> "T" <> Calendar.ISO.time_string(h, mi, s, us)
  end

  def to_date(%{year: y, month: mo, day: d, calendar: cal}), do: %Date{year: y, month: mo, day: d, calendar: cal}

  def to_time(%{hour: h, minute: mi, second: s, microsecond: us, calendar: cal}) do
    %Time{hour: h, minute: mi, second: s, microsecond: us, calendar: cal}
  end

  def to_erl(%{year: y, month: mo, day: d, hour: h, minute: mi, second: s}), do: {{y, mo, d}, {h, mi, s}}

  # Microseconds since 0000-01-01T00:00:00.
  def to_microseconds(ndt) do
    {secs, us} = Time.to_seconds_after_midnight(ndt)
    (Date.to_days(ndt) * 86400 + secs) * 1_000_000 + us
  end

  def compare(a, b) do
    case {to_microseconds(a), to_microseconds(b)} do
      {x, y} when x > y -> :gt
      {x, y} when x < y -> :lt
      _ -> :eq
    end
  end

  def diff(a, b, unit \\ :second), do: from_microseconds(to_microseconds(a) - to_microseconds(b), unit)

  def from_microseconds(us, :microsecond), do: us
  def from_microseconds(us, :millisecond), do: div(us, 1000)
  def from_microseconds(us, :second), do: div(us, 1_000_000)
  def from_microseconds(us, :minute), do: div(us, 60_000_000)
  def from_microseconds(us, :hour), do: div(us, 3_600_000_000)
  def from_microseconds(us, :day), do: div(us, 86_400_000_000)

  def add(%{microsecond: {_, p}} = ndt, amount, unit \\ :second) do
    us = to_microseconds(ndt) + amount * unit_us(unit)
    days = Integer.floor_div(us, 86_400_000_000)
    rest = us - days * 86_400_000_000
    {y, mo, d} = Calendar.ISO.days_to_date(days)
    secs = div(rest, 1_000_000)
    frac = rem(rest, 1_000_000)
    p = if unit in [:millisecond, :microsecond], do: max(p, if(unit == :millisecond, do: 3, else: 6)), else: p

    %{ndt | year: y, month: mo, day: d, hour: div(secs, 3600), minute: rem(div(secs, 60), 60),
            second: rem(secs, 60), microsecond: {frac, p}}
  end

  defp unit_us(:microsecond), do: 1
  defp unit_us(:millisecond), do: 1000
  defp unit_us(:second), do: 1_000_000
  defp unit_us(:minute), do: 60_000_000
  defp unit_us(:hour), do: 3_600_000_000
  defp unit_us(:day), do: 86_400_000_000
end

defmodule DateTime do
  defstruct [:year, :month, :day, :hour, :minute, :second, :time_zone, :zone_abbr, :utc_offset, :std_offset,
             :microsecond, calendar: Calendar.ISO]

  def from_naive(ndt, "Etc/UTC", _db \\ nil), do: {:ok, utc(ndt)}

  def from_naive!(ndt, "Etc/UTC", _db \\ nil), do: utc(ndt)

  def to_naive(%{} = dt) do
    %NaiveDateTime{calendar: dt.calendar, year: dt.year, month: dt.month, day: dt.day, hour: dt.hour,
                   minute: dt.minute, second: dt.second, microsecond: dt.microsecond}
  end

  def to_date(dt), do: NaiveDateTime.to_date(dt)
  def to_time(dt), do: NaiveDateTime.to_time(dt)

  def utc(%{} = ndt) do
    %DateTime{year: ndt.year, month: ndt.month, day: ndt.day, hour: ndt.hour, minute: ndt.minute,
              second: ndt.second, microsecond: ndt.microsecond, calendar: ndt.calendar,
              time_zone: "Etc/UTC", zone_abbr: "UTC", utc_offset: 0, std_offset: 0}
  end

  # The offset is applied, so the result is always in UTC.
  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case NaiveDateTime.parse(string) do
      {:ok, fields, rest} ->
        case offset(rest) do
          {:ok, secs} ->
            ndt = NaiveDateTime.struct_of(fields, calendar) |> NaiveDateTime.add(-secs, :second)
            {:ok, utc(ndt), secs}

          error ->
            error
        end

      error ->
        error
    end
  end

  defp offset(z) when z in ["Z", "z"], do: {:ok, 0}

  defp offset(<<sign, h::binary-size(2), ?:, m::binary-size(2)>>) when sign in [?+, ?-] do
    secs = String.to_integer(h) * 3600 + String.to_integer(m) * 60
    {:ok, if(sign == ?-, do: -secs, else: secs)}
  end

  defp offset(""), do: {:error, :missing_offset}
  defp offset(_), do: {:error, :invalid_format}

  def to_string(dt), do: NaiveDateTime.to_string(dt) <> "Z"
  def to_iso8601(dt), do: NaiveDateTime.to_iso8601(dt) <> "Z"

  def compare(a, b), do: NaiveDateTime.compare(a, b)
  def diff(a, b, unit \\ :second), do: NaiveDateTime.diff(a, b, unit)
  def add(dt, amount, unit \\ :second), do: NaiveDateTime.add(dt, amount, unit)

  def to_unix(dt, unit \\ :second) do
    NaiveDateTime.from_microseconds(NaiveDateTime.to_microseconds(dt) - 62_167_219_200_000_000, unit)
  end
end
