# String: the functions that return lazy streams, call funs, or build on
# List live here; every other String function is a C builtin
# (docs/builtins.md), which the VM finds when this module does not define
# the function called.
defmodule String do
  def splitter(string, pattern), do: splitter(string, pattern, [])

  # A stream of the parts of string, cut one at a time with
  # String.split(rest, pattern, parts: 2).
  def splitter(string, "", opts) when is_binary(string) and is_list(opts) do
    parts = String.graphemes(string)
    if Keyword.get(opts, :trim, false), do: parts, else: ["" | parts] ++ [""]
  end

  def splitter(string, pattern, opts) when is_binary(string) and is_list(opts) do
    stream =
      Stream.unfold({:more, string}, fn
        :done ->
          nil

        {:more, rest} ->
          case String.split(rest, pattern, parts: 2) do
            [part, tail] -> {part, {:more, tail}}
            [part] -> {part, :done}
          end
      end)

    if Keyword.get(opts, :trim, false), do: Stream.reject(stream, fn part -> part == "" end), else: stream
  end

  # Builtins cannot call a fun, so replace/4 runs function replacements
  # here, on the match positions, and passes everything else to the C
  # replacement (registered as String.__replace__/4).
  def replace(subject, pattern, replacement, options \\ [])

  def replace(subject, pattern, replacement, options)
      when is_binary(subject) and is_function(replacement, 1) and is_list(options) do
    global = Keyword.get(options, :global, true)

    spans =
      cond do
        Regex.regex?(pattern) ->
          found = Regex.scan(pattern, subject, return: :index, capture: :first)
          found = Enum.map(found, fn [span] -> span end)
          if global, do: found, else: Enum.take(found, 1)

        pattern == "" or pattern == [] ->
          empty_spans(subject, global)

        global ->
          :binary.matches(subject, pattern)

        true ->
          case :binary.match(subject, pattern) do
            :nomatch -> []
            span -> [span]
          end
      end

    splice(subject, spans, 0, replacement, [])
  end

  def replace(subject, pattern, replacement, options) do
    String.__replace__(subject, pattern, replacement, options)
  end

  # An empty pattern matches before every grapheme and at the end.
  defp empty_spans(subject, global) do
    {spans, last} =
      Enum.map_reduce(String.graphemes(subject), 0, fn g, at -> {{at, 0}, at + byte_size(g)} end)

    spans = spans ++ [{last, 0}]
    if global, do: spans, else: Enum.take(spans, 1)
  end

  defp splice(subject, [], at, _fun, acc) do
    rest = binary_part(subject, at, byte_size(subject) - at)
    IO.iodata_to_binary(:lists.reverse([rest | acc]))
  end

  defp splice(subject, [{pos, len} | spans], at, fun, acc) do
    before = binary_part(subject, at, pos - at)
    new = fun.(binary_part(subject, pos, len))
    splice(subject, spans, pos + len, fun, [new, before | acc])
  end

  # Myers' edit script over graphemes, each run joined into a string.
  def myers_difference(string1, string2) when is_binary(string1) and is_binary(string2) do
    List.myers_difference(String.graphemes(string1), String.graphemes(string2))
    |> Enum.map(fn {kind, chars} -> {kind, IO.iodata_to_binary(chars)} end)
  end
end
