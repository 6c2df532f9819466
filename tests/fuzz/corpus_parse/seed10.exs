with {:ok, a} <- f(), do: a, else: (_ -> 0)
