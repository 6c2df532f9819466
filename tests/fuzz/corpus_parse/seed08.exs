try do
  raise "x"
rescue
  e in RuntimeError -> e
after
  :ok
end
