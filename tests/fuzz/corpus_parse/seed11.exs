receive do
  m -> m
after
  100 -> :t
end
