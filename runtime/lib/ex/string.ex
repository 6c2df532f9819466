# String: only the functions that return lazy streams live here; every
# other String function is a C builtin (docs/builtins.md), which the VM
# finds when this module does not define the function called.
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
end
