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

  def valid_microsecond?({value, precision}) when is_integer(value) and is_integer(precision),
    do: value in 0..999_999 and precision in 0..6

  def valid_microsecond?(_), do: false

  # A time's trailing UTC offset: "Z", "+hh:mm" or "-hh:mm" (hours below
  # 24, minutes below 60; "-00:00" means unknown and is refused).
  def valid_offset?(z) when z in ["Z", "z"], do: true
  def valid_offset?("-00:00"), do: false

  def valid_offset?(<<sign, h1, h2, ?:, m1, m2>>) when sign in [?+, ?-] do
    Enum.all?([h1, h2, m1, m2], &(&1 in ?0..?9)) and (h1 - ?0) * 10 + h2 - ?0 < 24 and
      (m1 - ?0) * 10 + m2 - ?0 < 60
  end

  def valid_offset?(_), do: false

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

  def parse_date("-" <> rest) do
    case parse_date(rest) do
      {:ok, {y, m, d}} -> if valid_date?(-y, m, d), do: {:ok, {-y, m, d}}, else: {:error, :invalid_date}
      error -> error
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

  defp fraction(<<sep, rest::binary>>) when sep in [?., ?,] do
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

  # "+01:00" (extended) or "+0100" (basic) for an offset in seconds.
  def offset_string(secs, format) do
    sign = if secs < 0, do: "-", else: "+"
    a = abs(secs)
    sep = if format == :basic, do: "", else: ":"
    sign <> pad(div(a, 3600), 2) <> sep <> pad(rem(div(a, 60), 60), 2)
  end

  # A {value, precision} microsecond cut to precision unit's digits; a
  # smaller precision is kept as it is.
  def truncate({value, p}, unit) do
    np = %{microsecond: 6, millisecond: 3, second: 0}[unit]
    if p <= np, do: {value, p}, else: {div(value, pow10(6 - np)) * pow10(6 - np), np}
  end

  def basic_date(y, m, d), do: pad(y, 4) <> pad(m, 2) <> pad(d, 2)

  def basic_time(h, mi, s, us), do: time_string(h, mi, s, us) |> String.replace(":", "")

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

  def from_erl!(erl, calendar \\ Calendar.ISO) do
    case from_erl(erl, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(erl)} to date, reason: #{inspect(reason)}"
    end
  end

  def to_iso8601(%{year: y, month: m, day: d}, :basic), do: Calendar.ISO.basic_date(y, m, d)
  def to_iso8601(date, :extended), do: to_iso8601(date)

  def utc_today(calendar \\ Calendar.ISO), do: %{DateTime.to_date(DateTime.utc_now()) | calendar: calendar}

  def to_gregorian_days(date), do: to_days(date)
  def from_gregorian_days(days, calendar \\ Calendar.ISO), do: %{from_days(days) | calendar: calendar}

  # Days of the common era count from 0001-01-01 (day 1); before it,
  # backwards from 0000-12-31 (day 1 of era 0).
  def day_of_era(date) do
    days = to_days(date)
    if days >= 366, do: {days - 365, 1}, else: {366 - days, 0}
  end

  def year_of_era(%{year: y}) when y > 0, do: {y, 1}
  def year_of_era(%{year: y}), do: {1 - y, 0}

  def quarter_of_year(%{month: m}), do: div(m - 1, 3) + 1

  @weekdays [monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7]

  def day_of_week(date, starting_on) do
    start = if starting_on == :default, do: 1, else: Keyword.fetch!(@weekdays, starting_on)
    Integer.mod(day_of_week(date) - start, 7) + 1
  end

  def beginning_of_week(date, starting_on \\ :default) do
    add(as_date(date), 1 - day_of_week(date, starting_on))
  end

  def end_of_week(date, starting_on \\ :default) do
    add(as_date(date), 7 - day_of_week(date, starting_on))
  end

  defp as_date(%{year: y, month: m, day: d, calendar: cal}), do: %Date{year: y, month: m, day: d, calendar: cal}

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

  def beginning_of_month(%{} = date), do: %{as_date(date) | day: 1}
  def end_of_month(%{} = date), do: %{as_date(date) | day: days_in_month(date)}

  # A Date.Range (enumerable.ex walks it, lib/structs.c prints it as
  # Date.range(first, last[, step])); decreasing without a step goes by -1.
  def range(first, last) do
    step = if compare(first, last) == :gt, do: -1, else: 1
    range(first, last, step)
  end

  def range(first, last, step) when is_integer(step) and step != 0 do
    %Date.Range{first: first, last: last, first_in_iso_days: to_days(first),
                last_in_iso_days: to_days(last), step: step}
  end

  def range(first, last, step) do
    raise ArgumentError,
          "both dates must have matching calendar and the step must be a non-zero integer, " <>
            "got: #{inspect(first)}, #{inspect(last)}, #{inspect(step)}"
  end
end

defmodule Date.Range do
  defstruct [:first, :last, :first_in_iso_days, :last_in_iso_days, :step]
end

defmodule Time do
  defstruct [:hour, :minute, :second, :microsecond, calendar: Calendar.ISO]

  def new(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    us = if is_integer(microsecond), do: {microsecond, 6}, else: microsecond

    if Calendar.ISO.valid_time?(hour, minute, second) and Calendar.ISO.valid_microsecond?(us),
      do: {:ok, %Time{hour: hour, minute: minute, second: second, microsecond: us, calendar: calendar}},
      else: {:error, :invalid_time}
  end

  def new!(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case new(hour, minute, second, microsecond, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot build time, reason: #{inspect(reason)}"
    end
  end

  # A leading "T" and a trailing offset are allowed (and the offset
  # ignored), as in Elixir.
  def from_iso8601(string, calendar \\ Calendar.ISO)
  def from_iso8601(<<t, rest::binary>>, calendar) when t in [?T, ?t], do: from_iso8601(rest, calendar)

  def from_iso8601(string, calendar) do
    case Calendar.ISO.parse_time(string) do
      {:ok, {h, mi, s, us}, rest} when rest == "" or byte_size(rest) in [1, 6] ->
        if rest == "" or Calendar.ISO.valid_offset?(rest),
          do: {:ok, %Time{hour: h, minute: mi, second: s, microsecond: us, calendar: calendar}},
          else: {:error, :invalid_format}

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
  def to_iso8601(time, format \\ :extended)
  def to_iso8601(%{hour: h, minute: mi, second: s, microsecond: us}, :basic), do: Calendar.ISO.basic_time(h, mi, s, us)
  def to_iso8601(time, :extended), do: to_string(time)

  def truncate(%{microsecond: us} = time, precision), do: %{time | microsecond: Calendar.ISO.truncate(us, precision)}

  def from_erl({h, mi, s}, microsecond \\ {0, 0}, calendar \\ Calendar.ISO), do: new(h, mi, s, microsecond, calendar)

  def from_erl!(erl, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case from_erl(erl, microsecond, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(erl)} to time, reason: #{inspect(reason)}"
    end
  end

  def from_seconds_after_midnight(secs, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    secs = Integer.mod(secs, 86400)
    %Time{hour: div(secs, 3600), minute: rem(div(secs, 60), 60), second: rem(secs, 60),
          microsecond: microsecond, calendar: calendar}
  end

  def utc_now(calendar \\ Calendar.ISO), do: %{DateTime.to_time(DateTime.utc_now()) | calendar: calendar}

  # Wraps around midnight, as on a clock.
  def add(%{calendar: cal} = time, amount, unit \\ :second) do
    ndt = %NaiveDateTime{calendar: cal, year: 2000, month: 1, day: 1, hour: time.hour, minute: time.minute,
                         second: time.second, microsecond: time.microsecond}
    NaiveDateTime.add(ndt, amount, unit) |> NaiveDateTime.to_time()
  end
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

  def new!(year, month, day, hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case new(year, month, day, hour, minute, second, microsecond, calendar) do
      {:ok, ndt} -> ndt
      {:error, reason} -> raise ArgumentError, "cannot build naive datetime, reason: #{inspect(reason)}"
    end
  end

  def from_erl({{y, mo, d}, {h, mi, s}}, microsecond \\ {0, 0}, calendar \\ Calendar.ISO),
    do: new(y, mo, d, h, mi, s, microsecond, calendar)

  def from_erl!(erl, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case from_erl(erl, microsecond, calendar) do
      {:ok, ndt} -> ndt
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(erl)} to naive datetime, reason: #{inspect(reason)}"
    end
  end

  def truncate(%{microsecond: us} = ndt, precision), do: %{ndt | microsecond: Calendar.ISO.truncate(us, precision)}

  def utc_now(calendar \\ Calendar.ISO), do: %{DateTime.to_naive(DateTime.utc_now()) | calendar: calendar}
  # No time zone data: local time is taken to be UTC.
  def local_now(calendar \\ Calendar.ISO), do: %{utc_now(calendar) | microsecond: {0, 0}}

  def to_gregorian_seconds(ndt) do
    {secs, us} = Time.to_seconds_after_midnight(ndt)
    {Date.to_days(ndt) * 86400 + secs, us}
  end

  def from_gregorian_seconds(secs, {us, p} \\ {0, 0}, calendar \\ Calendar.ISO) do
    days = Integer.floor_div(secs, 86400)
    rest = secs - days * 86400
    {y, mo, d} = Calendar.ISO.days_to_date(days)
    %NaiveDateTime{calendar: calendar, year: y, month: mo, day: d, hour: div(rest, 3600),
                   minute: rem(div(rest, 60), 60), second: rem(rest, 60), microsecond: {us, p}}
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    case parse(string) do
      {:ok, fields, ""} -> {:ok, struct_of(fields, calendar)}
      {:ok, fields, rest} ->
        if Calendar.ISO.valid_offset?(rest), do: {:ok, struct_of(fields, calendar)}, else: {:error, :invalid_format}

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

  def to_iso8601(ndt, format \\ :extended)

  def to_iso8601(%{year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us}, :extended) do
    Calendar.ISO.date_string(y, mo, d) <> "T" <> Calendar.ISO.time_string(h, mi, s, us)
  end

  def to_iso8601(%{year: y, month: mo, day: d, hour: h, minute: mi, second: s, microsecond: us}, :basic) do
    Calendar.ISO.basic_date(y, mo, d) <> "T" <> Calendar.ISO.basic_time(h, mi, s, us)
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
    # The precision stays the struct's (Elixir 1.14): adding 21 ms to a
    # whole-second time keeps printing whole seconds.

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

  # Only Etc/UTC writes "Z"; other zones write their offset, even +00:00.
  def to_string(%{time_zone: "Etc/UTC"} = dt), do: NaiveDateTime.to_string(dt) <> "Z"

  def to_string(dt) do
    NaiveDateTime.to_string(dt) <> Calendar.ISO.offset_string(zone_offset(dt), :extended) <>
      " " <> dt.zone_abbr <> " " <> dt.time_zone
  end

  # With an offset, the time is shown at that offset from UTC instead.
  def to_iso8601(dt, format \\ :extended, offset \\ nil)

  def to_iso8601(dt, format, nil) do
    zone = if dt.time_zone == "Etc/UTC", do: "Z", else: Calendar.ISO.offset_string(zone_offset(dt), format)
    NaiveDateTime.to_iso8601(dt, format) <> zone
  end

  def to_iso8601(dt, format, off) do
    shifted = NaiveDateTime.add(to_naive(dt), off - zone_offset(dt), :second)
    zone = if off == 0 and dt.time_zone == "Etc/UTC", do: "Z", else: Calendar.ISO.offset_string(off, format)
    NaiveDateTime.to_iso8601(shifted, format) <> zone
  end

  defp zone_offset(dt), do: (dt.utc_offset || 0) + (dt.std_offset || 0)

  # Microseconds of UTC since 0000-01-01: what comparisons go by.
  defp utc_us(dt), do: NaiveDateTime.to_microseconds(dt) - zone_offset(dt) * 1_000_000

  def compare(a, b) do
    case {utc_us(a), utc_us(b)} do
      {x, y} when x > y -> :gt
      {x, y} when x < y -> :lt
      _ -> :eq
    end
  end

  def diff(a, b, unit \\ :second), do: NaiveDateTime.from_microseconds(utc_us(a) - utc_us(b), unit)
  def add(dt, amount, unit \\ :second), do: NaiveDateTime.add(dt, amount, unit)

  def to_unix(dt, unit \\ :second) do
    NaiveDateTime.from_microseconds(utc_us(dt) - 62_167_219_200_000_000, unit)
  end

  def to_gregorian_seconds(dt) do
    {secs, us} = NaiveDateTime.to_gregorian_seconds(dt)
    {secs - zone_offset(dt), us}
  end

  def from_gregorian_seconds(secs, us \\ {0, 0}, calendar \\ Calendar.ISO),
    do: utc(NaiveDateTime.from_gregorian_seconds(secs, us, calendar))

  def truncate(%{microsecond: us} = dt, precision), do: %{dt | microsecond: Calendar.ISO.truncate(us, precision)}

  @unix_min -377_705_116_800
  @unix_max 253_402_300_799

  # unit: :second, :millisecond, :microsecond, :nanosecond or parts per
  # second; precision is the unit's decimal digits (6 at most, 6 for a
  # unit that is not a power of ten).
  def from_unix(n, unit \\ :second, calendar \\ Calendar.ISO) when is_integer(n) do
    per = %{second: 1, millisecond: 1000, microsecond: 1_000_000, nanosecond: 1_000_000_000}[unit] || unit
    us = Integer.floor_div(n * 1_000_000, per)
    secs = Integer.floor_div(us, 1_000_000)

    if secs < @unix_min or secs > @unix_max do
      {:error, :invalid_unix_time}
    else
      p = precision(per, 0)
      {:ok, from_gregorian_seconds(secs + 62_167_219_200, {us - secs * 1_000_000, p}, calendar)}
    end
  end

  defp precision(1, d), do: min(d, 6)
  defp precision(n, d) when rem(n, 10) == 0, do: precision(div(n, 10), d + 1)
  defp precision(_, _), do: 6

  def from_unix!(n, unit \\ :second, calendar \\ Calendar.ISO) do
    case from_unix(n, unit, calendar) do
      {:ok, dt} -> dt
      {:error, :invalid_unix_time} -> raise ArgumentError, "invalid Unix time #{n}"
    end
  end

  def utc_now(calendar \\ Calendar.ISO), do: from_unix!(System.os_time(:microsecond), :microsecond, calendar)

  # Only Etc/UTC is known (no time zone database).
  def now(time_zone, _db \\ nil)
  def now("Etc/UTC", _db), do: {:ok, utc_now()}
  def now(_, _db), do: {:error, :utc_only_time_zone_database}

  def now!(time_zone, db \\ nil) do
    case now(time_zone, db) do
      {:ok, dt} -> dt
      {:error, reason} ->
        raise ArgumentError, "cannot get current datetime in #{inspect(time_zone)} time zone, reason: #{inspect(reason)}"
    end
  end

  def new(date, time, time_zone \\ "Etc/UTC", db \\ nil)

  def new(date, time, "Etc/UTC", _db) do
    {:ok, ndt} = NaiveDateTime.new(date, time)
    {:ok, utc(ndt)}
  end

  def new(_date, _time, _zone, _db), do: {:error, :utc_only_time_zone_database}

  def new!(date, time, time_zone \\ "Etc/UTC", db \\ nil) do
    case new(date, time, time_zone, db) do
      {:ok, dt} -> dt
      {:error, reason} -> raise ArgumentError, "cannot build datetime, reason: #{inspect(reason)}"
    end
  end
end
