# Code's module-loading checks. mote loads every module when it is
# compiled, so "ensure loaded" only asks whether the module exists.
defmodule Code do
  @doc "{:module, mod} when mod exists, else {:error, :nofile}."
  def ensure_loaded(mod) when is_atom(mod) do
    if :erlang.module_loaded(mod), do: {:module, mod}, else: {:error, :nofile}
  end

  @doc "Whether mod exists."
  def ensure_loaded?(mod) when is_atom(mod), do: :erlang.module_loaded(mod)

  def ensure_compiled(mod) when is_atom(mod), do: ensure_loaded(mod)

  def ensure_compiled!(mod) when is_atom(mod) do
    case ensure_loaded(mod) do
      {:module, m} -> m
      _ -> raise ArgumentError, "could not load module #{inspect(mod)} due to reason :nofile"
    end
  end

  def ensure_loaded!(mod) when is_atom(mod), do: ensure_compiled!(mod)
end
