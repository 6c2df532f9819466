# Regex: only replace/3,4 live here, because a replacement may be a
# function (called with the match and then its captures, as many as the
# function takes, "" for a group that did not take part); a string
# replacement goes to the C builtin (Regex.__replace__/4, lib/regex_run.c)
# like every other Regex function.
defmodule Regex do
  def replace(regex, string, replacement, opts \\ [])

  def replace(regex, string, replacement, opts) when is_binary(replacement),
    do: Regex.__replace__(regex, string, replacement, opts)

  def replace(regex, string, fun, opts) when is_function(fun) and is_binary(string) do
    arity = Enum.find(0..255, &is_function(fun, &1))
    found = Regex.scan(regex, string, return: :index)
    found = if Keyword.get(opts, :global, true), do: found, else: Enum.take(found, 1)

    {parts, pos} =
      Enum.reduce(found, {[], 0}, fn [{at, len} | _] = groups, {acc, pos} ->
        texts = Enum.map(groups, fn {s, l} -> if s < 0, do: "", else: binary_part(string, s, l) end)
        args = Enum.take(texts ++ List.duplicate("", arity), arity)
        {[acc, binary_part(string, pos, at - pos), to_string(apply(fun, args))], at + len}
      end)

    IO.iodata_to_binary([parts, binary_part(string, pos, byte_size(string) - pos)])
  end
end
