case x do
  {:ok, v} -> v
  _ -> nil
end
