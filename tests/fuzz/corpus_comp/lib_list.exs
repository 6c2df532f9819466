# List functions, including negative indexes and key lists.
IO.inspect({List.first([]), List.first([1, 2]), List.last([1, 2]), List.last([], :none)})
IO.inspect({List.wrap(nil), List.wrap(1), List.wrap([1])})
IO.inspect({List.flatten([1, [2, [3, []]], 4]), List.flatten([1, [2]], [3, [4]])})
IO.inspect({List.foldl([1, 2, 3], [], &[&1 | &2]), List.foldr([1, 2, 3], [], &[&1 | &2])})
IO.inspect({List.duplicate(:x, 3), List.delete([1, 2, 1], 1), List.delete([1], 2)})
IO.inspect({List.insert_at([1, 2, 3], 1, :x), List.insert_at([1, 2, 3], -1, :x), List.insert_at([1, 2], 10, :x), List.insert_at([1, 2], -10, :x)})
IO.inspect({List.replace_at([1, 2, 3], 0, :x), List.replace_at([1, 2, 3], -1, :x), List.replace_at([1], 5, :x)})
IO.inspect({List.update_at([1, 2, 3], 1, &(&1 * 10)), List.delete_at([1, 2, 3], -1), List.delete_at([1, 2, 3], 3)})
IO.inspect({List.pop_at([1, 2, 3], 0), List.pop_at([1, 2, 3], -1), List.pop_at([1], 4, :d)})
kl = [{:a, 1}, {:b, 2}, {:a, 3}]
IO.inspect({List.keyfind(kl, :a, 0), List.keyfind(kl, 2, 1), List.keyfind(kl, :z, 0, :none), List.keymember?(kl, :b, 0)})
IO.inspect({List.keydelete(kl, :a, 0), List.keyreplace(kl, :a, 0, {:a, 9}), List.keystore(kl, :z, 0, {:z, 0})})
IO.inspect({List.keytake(kl, :b, 0), List.keytake(kl, :z, 0)})
IO.inspect({List.keysort([{2, :a}, {1, :b}, {1, :a}], 0), List.keysort([{2, :a}, {1, :b}, {1, :a}], 1, :desc)})
IO.inspect({List.zip([[1, 2, 3], [:a, :b]]), List.to_tuple([1, 2]), List.improper?([1 | 2]), List.starts_with?([1, 2], [1])})
IO.inspect({List.ascii_printable?('abc'), List.ascii_printable?([0])})

# expect: {nil, 1, 2, :none}
# expect: {[], [1], [1]}
# expect: {[1, 2, 3, 4], [1, 2, 3, [4]]}
# expect: {[3, 2, 1], [1, 2, 3]}
# expect: {[:x, :x, :x], [2, 1], [1]}
# expect: {[1, :x, 2, 3], [1, 2, 3, :x], [1, 2, :x], [:x, 1, 2]}
# expect: {[:x, 2, 3], [1, 2, :x], [1]}
# expect: {[1, 20, 3], [1, 2], [1, 2, 3]}
# expect: {{1, [2, 3]}, {3, [1, 2]}, {:d, [1]}}
# expect: {{:a, 1}, {:b, 2}, :none, true}
# expect: {[b: 2, a: 3], [a: 9, b: 2, a: 3], [a: 1, b: 2, a: 3, z: 0]}
# expect: {{{:b, 2}, [a: 1, a: 3]}, nil}
# expect: {[{1, :b}, {1, :a}, {2, :a}], [{1, :b}, {2, :a}, {1, :a}]}
# expect: {[{1, :a}, {2, :b}], {1, 2}, true, true}
# expect: {true, false}
