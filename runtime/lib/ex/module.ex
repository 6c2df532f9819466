# Module: the alias helpers of Elixir 1.14's Module (concat, safe_concat,
# split). mote compiles modules without Module's compile-time API
# (attributes, definitions), so only these plain-term functions exist.
defmodule Module do
  def concat(left, right), do: concat([left, right])

  # Parts are atoms or strings; nil parts are skipped and an "Elixir."
  # prefix on any part is dropped before joining.
  def concat(parts) when is_list(parts), do: String.to_atom(joined(parts))

  def safe_concat(left, right), do: safe_concat([left, right])

  def safe_concat(parts) when is_list(parts) do
    name = joined(parts)

    try do
      String.to_existing_atom(name)
    rescue
      ArgumentError -> raise ArgumentError, "#{name} is not an existing atom"
    end
  end

  defp joined(parts) do
    names = for p <- parts, p != nil, do: p |> part() |> strip()
    Enum.join(["Elixir" | Enum.reject(names, &(&1 == ""))], ".")
  end

  defp part(p) when is_atom(p), do: Atom.to_string(p)
  defp part(p) when is_binary(p), do: p

  defp strip("Elixir." <> rest), do: rest
  defp strip("Elixir"), do: ""
  defp strip(name), do: name

  def split(module) when is_atom(module), do: split(Atom.to_string(module))
  def split("Elixir." <> name), do: String.split(name, ".")
end
