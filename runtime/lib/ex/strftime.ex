# Calendar: Elixir 1.14's Calendar.strftime/3 for the ISO calendar types
# (Date, Time, NaiveDateTime, DateTime, or any map with their fields).
# A directive is "%", an optional padding flag ("-" none, "0" zeros, "_"
# spaces), an optional width, and a conversion letter; numbers pad to
# their usual width with zeros unless told otherwise, names do not pad.
defmodule Calendar do
  @days ~w(Monday Tuesday Wednesday Thursday Friday Saturday Sunday)
  @months ~w(January February March April May June July August September October November December)

  def strftime(datetime, format, opts \\ []) when is_map(datetime) and is_binary(format) do
    opts = Map.merge(defaults(), Map.new(opts))
    format |> parse(datetime, opts, []) |> Enum.reverse() |> IO.iodata_to_binary()
  end

  defp defaults do
    %{
      preferred_datetime: "%Y-%m-%d %H:%M:%S",
      preferred_date: "%Y-%m-%d",
      preferred_time: "%H:%M:%S",
      am_pm_names: fn
        :am -> "am"
        :pm -> "pm"
      end,
      month_names: fn m -> Enum.at(@months, m - 1) end,
      abbreviated_month_names: fn m -> @months |> Enum.at(m - 1) |> binary_part(0, 3) end,
      day_of_week_names: fn d -> Enum.at(@days, d - 1) end,
      abbreviated_day_of_week_names: fn d -> @days |> Enum.at(d - 1) |> binary_part(0, 3) end
    }
  end

  defp parse("", _dt, _opts, acc), do: acc
  defp parse("%%" <> rest, dt, opts, acc), do: parse(rest, dt, opts, ["%" | acc])

  defp parse("%" <> rest, dt, opts, acc) do
    {pad, rest} = flag(rest)
    {width, rest} = width(rest, nil)

    case rest do
      <<c::utf8, rest::binary>> -> parse(rest, dt, opts, [convert(c, dt, opts, pad, width) | acc])
      "" -> raise ArgumentError, "invalid strftime format: missing conversion after %"
    end
  end

  defp parse(<<c::utf8, rest::binary>>, dt, opts, acc), do: parse(rest, dt, opts, [<<c::utf8>> | acc])

  defp flag("-" <> rest), do: {:none, rest}
  defp flag("0" <> rest), do: {?0, rest}
  defp flag("_" <> rest), do: {?\s, rest}
  defp flag(rest), do: {nil, rest}

  defp width(<<d, rest::binary>>, w) when d in ?0..?9, do: width(rest, (w || 0) * 10 + d - ?0)
  defp width(rest, w), do: {w, rest}

  defp convert(?a, dt, o, p, w), do: name(o.abbreviated_day_of_week_names.(Date.day_of_week(dt)), p, w)
  defp convert(?A, dt, o, p, w), do: name(o.day_of_week_names.(Date.day_of_week(dt)), p, w)
  defp convert(?b, dt, o, p, w), do: name(o.abbreviated_month_names.(dt.month), p, w)
  defp convert(?B, dt, o, p, w), do: name(o.month_names.(dt.month), p, w)
  defp convert(?c, dt, o, p, w), do: name(strftime(dt, o.preferred_datetime, Map.to_list(o)), p, w)
  defp convert(?x, dt, o, p, w), do: name(strftime(dt, o.preferred_date, Map.to_list(o)), p, w)
  defp convert(?X, dt, o, p, w), do: name(strftime(dt, o.preferred_time, Map.to_list(o)), p, w)
  defp convert(?d, dt, _o, p, w), do: num(dt.day, p, w, 2)
  defp convert(?H, dt, _o, p, w), do: num(dt.hour, p, w, 2)
  defp convert(?I, dt, _o, p, w), do: num(rem(dt.hour + 11, 12) + 1, p, w, 2)
  defp convert(?j, dt, _o, p, w), do: num(Date.day_of_year(dt), p, w, 3)
  defp convert(?m, dt, _o, p, w), do: num(dt.month, p, w, 2)
  defp convert(?M, dt, _o, p, w), do: num(dt.minute, p, w, 2)
  defp convert(?S, dt, _o, p, w), do: num(dt.second, p, w, 2)
  defp convert(?q, dt, _o, p, w), do: num(div(dt.month - 1, 3) + 1, p, w, 1)
  defp convert(?u, dt, _o, p, w), do: num(Date.day_of_week(dt), p, w, 1)
  defp convert(?y, dt, _o, p, w), do: num(rem(dt.year, 100), p, w, 2)
  defp convert(?Y, dt, _o, p, w), do: num(dt.year, p, w, 4)
  defp convert(?p, dt, o, p, w), do: name(String.upcase(o.am_pm_names.(am_pm(dt))), p, w)
  defp convert(?P, dt, o, p, w), do: name(o.am_pm_names.(am_pm(dt)), p, w)
  defp convert(?Z, dt, _o, p, w), do: name(dt.zone_abbr, p, w)

  defp convert(?z, dt, _o, p, w) do
    off = dt.utc_offset + dt.std_offset
    sign = if off < 0, do: "-", else: "+"
    a = abs(off)
    name(sign <> pad2(div(a, 3600)) <> pad2(rem(div(a, 60), 60)), p, w)
  end

  defp convert(?f, dt, _o, p, w) do
    {us, precision} = dt.microsecond
    digits = us |> Integer.to_string() |> String.pad_leading(6, "0") |> binary_part(0, max(precision, 1))
    name(digits, p, w)
  end

  defp convert(c, _dt, _o, _p, _w), do: raise(ArgumentError, "invalid strftime format: %#{<<c::utf8>>}")

  defp am_pm(%{hour: h}) when h < 12, do: :am
  defp am_pm(_), do: :pm

  defp pad2(n), do: String.pad_leading(Integer.to_string(n), 2, "0")

  defp num(n, :none, _w, _default), do: Integer.to_string(n)

  defp num(n, pad, w, default) do
    s = Integer.to_string(abs(n))
    s = String.pad_leading(s, w || default, <<pad || ?0>>)
    if n < 0, do: "-" <> s, else: s
  end

  defp name(s, :none, _w), do: s
  defp name(s, _pad, nil), do: s
  defp name(s, pad, w), do: String.pad_leading(s, w, <<pad || ?\s>>)
end
