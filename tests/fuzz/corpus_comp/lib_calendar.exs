# Calendar types (lib/ex/calendar.ex) and the inspect printers of
# lib/structs.c: sigils, compare/2 as an Enum sorter, day arithmetic.
# Expected output is Elixir 1.14's.
IO.inspect(~D[2015-01-13])
IO.inspect(~N[2015-01-13T13:00:07.001])
IO.inspect(~T[13:00:07.001])
IO.inspect(~T[13:00:07.123456])
IO.inspect(~U[2015-01-13T13:00:07.001+00:00])
IO.inspect({Date.compare(~D[2017-03-31], ~D[2017-04-01]), Date.compare(~D[2017-04-01], ~D[2017-04-01])})
IO.inspect(Enum.sort([~D[2019-01-01], ~D[2020-03-02], ~D[2019-06-06]], {:desc, Date}))
IO.inspect(Enum.max([~D[2017-03-31], ~D[2017-04-01]], Date))
IO.inspect({Date.add(~D[2000-02-28], 1), Date.add(~D[2000-12-31], 1), Date.add(~D[2001-03-01], -1)})
IO.inspect({Date.diff(~D[2000-03-01], ~D[1999-03-01]), Date.day_of_week(~D[2016-10-31])})
IO.inspect({Date.new(2000, 2, 30), Date.from_iso8601("2015-01-32"), Date.from_iso8601("2015-1-3")})
IO.inspect(NaiveDateTime.add(~N[2014-10-02 00:29:10], 2 * 86400))
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 00:29:12], ~N[2014-10-02 00:29:10]))
IO.inspect(Map.from_struct(~D[2015-01-13]))
IO.inspect(~D[2015-01-13].year)
IO.inspect(DateTime.to_unix(~U[2016-05-24 13:26:08Z]))
IO.inspect(MapSet.new([3, 1, 2]))
try do
  Date.from_iso8601!("2015-01-32")
rescue
  e -> IO.puts(Exception.message(e))
end
# expect: ~D[2015-01-13]
# expect: ~N[2015-01-13 13:00:07.001]
# expect: ~T[13:00:07.001]
# expect: ~T[13:00:07.123456]
# expect: ~U[2015-01-13 13:00:07.001Z]
# expect: {:lt, :eq}
# expect: [~D[2020-03-02], ~D[2019-06-06], ~D[2019-01-01]]
# expect: ~D[2017-04-01]
# expect: {~D[2000-02-29], ~D[2001-01-01], ~D[2001-02-28]}
# expect: {366, 1}
# expect: {{:error, :invalid_date}, {:error, :invalid_date}, {:error, :invalid_format}}
# expect: ~N[2014-10-04 00:29:10]
# expect: 2
# expect: %{calendar: Calendar.ISO, day: 13, month: 1, year: 2015}
# expect: 2015
# expect: 1464096368
# expect: MapSet.new([1, 2, 3])
# expect: cannot parse "2015-01-32" as date, reason: :invalid_date
