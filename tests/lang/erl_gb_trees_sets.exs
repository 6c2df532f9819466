# :gb_trees and :gb_sets (runtime/lib/ex/erl_gb.ex) give OTP 25's results and
# tree shapes: inserts that rebalance, deletes, iterators, and the set
# operations on both sides of the merge/walk threshold. Expected output
# from Elixir 1.14 / OTP 25.
t = Enum.reduce([5, 3, 8, 1, 4, 7, 9, 2, 6, 10, 15, 12, 11, 20, 0, -3, 13], :gb_trees.empty(), fn k, t -> :gb_trees.insert(k, k * 10, t) end)
IO.inspect(t)
t2 = Enum.reduce(1..40, :gb_trees.empty(), fn k, t -> :gb_trees.enter(k, k, t) end)
IO.inspect(t2, limit: :infinity)
IO.inspect(:gb_trees.lookup(4, t))
IO.inspect(:gb_trees.lookup(99, t))
IO.inspect(:gb_trees.get(7, t))
IO.inspect(:gb_trees.is_defined(7, t))
IO.inspect(:gb_trees.is_defined(77, t))
IO.inspect(:gb_trees.delete(5, t))
IO.inspect(:gb_trees.delete_any(55, t) == t)
IO.inspect(:gb_trees.delete_any(3, t))
IO.inspect(:gb_trees.size(t))
IO.inspect(:gb_trees.to_list(t))
IO.inspect(:gb_trees.keys(t))
IO.inspect(:gb_trees.values(t))
IO.inspect(:gb_trees.smallest(t))
IO.inspect(:gb_trees.largest(t))
IO.inspect(:gb_trees.enter(4, :four, t))
IO.inspect(:gb_trees.enter(4.0, :four, t))
it = :gb_trees.iterator(t)
IO.inspect(it)
{k, v, it} = :gb_trees.next(it)
IO.inspect({k, v})
{k, v, it} = :gb_trees.next(it)
IO.inspect({k, v, it})
IO.inspect(:gb_trees.next(:gb_trees.iterator(:gb_trees.empty())))
IO.inspect(:gb_trees.take_smallest(t))
IO.inspect(:gb_trees.take_largest(t))
IO.inspect(:gb_trees.from_orddict([a: 1, b: 2, c: 3, d: 4]))
IO.inspect(:gb_trees.balance(t))
IO.inspect(:gb_trees.is_empty(t))
IO.inspect(:gb_trees.map(fn k, v -> k + v end, t))
try do :gb_trees.insert(4, 1, t) rescue e -> IO.inspect(e) end
r = Enum.reduce(Enum.to_list(100..1), :gb_trees.empty(), fn k, t -> :gb_trees.insert(k, nil, t) end)
IO.inspect(r, limit: :infinity)
r = Enum.reduce(Enum.map(1..200, fn i -> rem(i * 7919, 1009) end), :gb_trees.empty(), fn k, t -> :gb_trees.enter(k, nil, t) end)
IO.inspect(:erlang.phash2(r))
r = Enum.reduce(1..100, r, fn i, t -> :gb_trees.delete_any(rem(i * 31, 1009), t) end)
IO.inspect(:erlang.phash2(r))

s = :gb_sets.from_list([5, 3, 8, 1, 4, 7, 9, 2, 3])
IO.inspect(s)
s = Enum.reduce([10, 0, 6, 12, 11, 13, 14], s, &:gb_sets.add/2)
IO.inspect(s)
IO.inspect(:gb_sets.add(3, s) == s)
IO.inspect(:gb_sets.delete(3, s))
IO.inspect(:gb_sets.is_element(3, s))
IO.inspect(:gb_sets.is_element(33, s))
IO.inspect(:gb_sets.size(s))
IO.inspect(:gb_sets.to_list(s))
a = :gb_sets.from_list(Enum.to_list(1..30))
b = :gb_sets.from_list([2, 40, 7.0, 50])
c = :gb_sets.from_list(Enum.to_list(20..45))
for {x, y} <- [{s, a}, {a, s}, {a, b}, {b, a}, {a, c}, {c, a}, {s, b}, {b, :gb_sets.new()}] do
  IO.inspect({:gb_sets.union(x, y), :gb_sets.intersection(x, y), :gb_sets.difference(x, y)}, limit: :infinity)
end
big = :gb_sets.from_list(Enum.to_list(1..300))
IO.inspect(:erlang.phash2({:gb_sets.union(big, b), :gb_sets.intersection(big, b), :gb_sets.difference(big, b), :gb_sets.difference(b, big), :gb_sets.union(b, big)}))
IO.inspect(:gb_sets.union(:gb_sets.from_list([1, 2, 3]), :gb_sets.from_list([1.0, 2.0, 4.0])))
IO.inspect(:gb_sets.union(:gb_sets.from_list([1.0, 3.0]), :gb_sets.from_list([1, 2, 3])))
IO.inspect(:gb_sets.intersection(:gb_sets.from_list([1, 2, 3]), :gb_sets.from_list([1.0, 2.0, 4.0])))
IO.inspect(:gb_sets.fold(fn x, acc -> [x | acc] end, [], s))
IO.inspect(:gb_sets.filter(fn x -> rem(x, 2) == 0 end, s))
IO.inspect(:gb_sets.iterator(s))
IO.inspect(:gb_sets.next(:gb_sets.iterator(s)))
IO.inspect({:gb_sets.smallest(s), :gb_sets.largest(s), :gb_sets.take_smallest(s)})
IO.inspect(:gb_sets.del_element(100, s) == s)
IO.inspect(:gb_sets.singleton(:x))
IO.inspect(:gb_sets.is_subset(b, a))
IO.inspect(:gb_sets.is_subset(:gb_sets.from_list([1,2]), a))
# expect: {17,
# expect:  {5, 50,
# expect:   {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:    {4, 40, nil, nil}},
# expect:   {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:    {9, 90, nil,
# expect:     {10, 100, nil,
# expect:      {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:       {20, 200, nil, nil}}}}}}}
# expect: {40,
# expect:  {15, 15,
# expect:   {8, 8,
# expect:    {4, 4, {2, 2, {1, 1, nil, nil}, {3, 3, nil, nil}},
# expect:     {6, 6, {5, 5, nil, nil}, {7, 7, nil, nil}}},
# expect:    {12, 12, {10, 10, {9, 9, nil, nil}, {11, 11, nil, nil}},
# expect:     {14, 14, {13, 13, nil, nil}, nil}}},
# expect:   {23, 23,
# expect:    {19, 19, {17, 17, {16, 16, nil, nil}, {18, 18, nil, nil}},
# expect:     {21, 21, {20, 20, nil, nil}, {22, 22, nil, nil}}},
# expect:    {27, 27, {25, 25, {24, 24, nil, nil}, {26, 26, nil, nil}},
# expect:     {29, 29, {28, 28, nil, nil},
# expect:      {30, 30, nil,
# expect:       {34, 34, {32, 32, {31, 31, nil, nil}, {33, 33, nil, nil}},
# expect:        {36, 36, {35, 35, nil, nil},
# expect:         {37, 37, nil, {38, 38, nil, {39, 39, nil, {40, 40, nil, nil}}}}}}}}}}}}
# expect: {:value, 40}
# expect: :none
# expect: 70
# expect: true
# expect: false
# expect: {16,
# expect:  {6, 60,
# expect:   {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:    {4, 40, nil, nil}},
# expect:   {8, 80, {7, 70, nil, nil},
# expect:    {9, 90, nil,
# expect:     {10, 100, nil,
# expect:      {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:       {20, 200, nil, nil}}}}}}}
# expect: true
# expect: {16,
# expect:  {5, 50,
# expect:   {4, 40, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}}, nil},
# expect:   {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:    {9, 90, nil,
# expect:     {10, 100, nil,
# expect:      {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:       {20, 200, nil, nil}}}}}}}
# expect: 17
# expect: [
# expect:   {-3, -30},
# expect:   {0, 0},
# expect:   {1, 10},
# expect:   {2, 20},
# expect:   {3, 30},
# expect:   {4, 40},
# expect:   {5, 50},
# expect:   {6, 60},
# expect:   {7, 70},
# expect:   {8, 80},
# expect:   {9, 90},
# expect:   {10, 100},
# expect:   {11, 110},
# expect:   {12, 120},
# expect:   {13, 130},
# expect:   {15, 150},
# expect:   {20, 200}
# expect: ]
# expect: [-3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 20]
# expect: [-30, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 150, 200]
# expect: {-3, -30}
# expect: {20, 200}
# expect: {17,
# expect:  {5, 50,
# expect:   {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:    {4, :four, nil, nil}},
# expect:   {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:    {9, 90, nil,
# expect:     {10, 100, nil,
# expect:      {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:       {20, 200, nil, nil}}}}}}}
# expect: {17,
# expect:  {5, 50,
# expect:   {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:    {4.0, :four, nil, nil}},
# expect:   {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:    {9, 90, nil,
# expect:     {10, 100, nil,
# expect:      {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:       {20, 200, nil, nil}}}}}}}
# expect: [
# expect:   {-3, -30, nil, nil},
# expect:   {0, 0, {-3, -30, nil, nil}, nil},
# expect:   {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:   {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:    {4, 40, nil, nil}},
# expect:   {5, 50,
# expect:    {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:     {4, 40, nil, nil}},
# expect:    {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:     {9, 90, nil,
# expect:      {10, 100, nil,
# expect:       {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:        {20, 200, nil, nil}}}}}}
# expect: ]
# expect: {-3, -30}
# expect: {0, 0,
# expect:  [
# expect:    {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:    {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:     {4, 40, nil, nil}},
# expect:    {5, 50,
# expect:     {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:      {4, 40, nil, nil}},
# expect:     {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:      {9, 90, nil,
# expect:       {10, 100, nil,
# expect:        {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:         {20, 200, nil, nil}}}}}}
# expect:  ]}
# expect: :none
# expect: {-3, -30,
# expect:  {16,
# expect:   {5, 50,
# expect:    {3, 30, {1, 10, {0, 0, nil, nil}, {2, 20, nil, nil}}, {4, 40, nil, nil}},
# expect:    {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:     {9, 90, nil,
# expect:      {10, 100, nil,
# expect:       {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}},
# expect:        {20, 200, nil, nil}}}}}}}}
# expect: {20, 200,
# expect:  {16,
# expect:   {5, 50,
# expect:    {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:     {4, 40, nil, nil}},
# expect:    {8, 80, {7, 70, {6, 60, nil, nil}, nil},
# expect:     {9, 90, nil,
# expect:      {10, 100, nil,
# expect:       {15, 150, {12, 120, {11, 110, nil, nil}, {13, 130, nil, nil}}, nil}}}}}}}
# expect: {4, {:c, 3, {:b, 2, {:a, 1, nil, nil}, nil}, {:d, 4, nil, nil}}}
# expect: {17,
# expect:  {7, 70,
# expect:   {3, 30, {1, 10, {0, 0, {-3, -30, nil, nil}, nil}, {2, 20, nil, nil}},
# expect:    {5, 50, {4, 40, nil, nil}, {6, 60, nil, nil}}},
# expect:   {12, 120, {10, 100, {9, 90, {8, 80, nil, nil}, nil}, {11, 110, nil, nil}},
# expect:    {15, 150, {13, 130, nil, nil}, {20, 200, nil, nil}}}}}
# expect: false
# expect: {17,
# expect:  {5, 55,
# expect:   {3, 33, {1, 11, {0, 0, {-3, -33, nil, nil}, nil}, {2, 22, nil, nil}},
# expect:    {4, 44, nil, nil}},
# expect:   {8, 88, {7, 77, {6, 66, nil, nil}, nil},
# expect:    {9, 99, nil,
# expect:     {10, 110, nil,
# expect:      {15, 165, {12, 132, {11, 121, nil, nil}, {13, 143, nil, nil}},
# expect:       {20, 220, nil, nil}}}}}}}
# expect: %ErlangError{original: {:key_exists, 4}, reason: nil}
# expect: {100,
# expect:  {58, nil,
# expect:   {36, nil,
# expect:    {25, nil,
# expect:     {20, nil,
# expect:      {17, nil,
# expect:       {16, nil,
# expect:        {9, nil,
# expect:         {6, nil,
# expect:          {4, nil, {3, nil, {2, nil, {1, nil, nil, nil}, nil}, nil},
# expect:           {5, nil, nil, nil}}, {8, nil, {7, nil, nil, nil}, nil}},
# expect:         {13, nil, {11, nil, {10, nil, nil, nil}, {12, nil, nil, nil}},
# expect:          {15, nil, {14, nil, nil, nil}, nil}}}, nil},
# expect:       {19, nil, {18, nil, nil, nil}, nil}},
# expect:      {23, nil, {22, nil, {21, nil, nil, nil}, nil}, {24, nil, nil, nil}}},
# expect:     {31, nil,
# expect:      {28, nil, {27, nil, {26, nil, nil, nil}, nil},
# expect:       {30, nil, {29, nil, nil, nil}, nil}},
# expect:      {34, nil, {33, nil, {32, nil, nil, nil}, nil}, {35, nil, nil, nil}}}},
# expect:    {47, nil,
# expect:     {42, nil,
# expect:      {39, nil, {38, nil, {37, nil, nil, nil}, nil},
# expect:       {41, nil, {40, nil, nil, nil}, nil}},
# expect:      {45, nil, {44, nil, {43, nil, nil, nil}, nil}, {46, nil, nil, nil}}},
# expect:     {53, nil,
# expect:      {50, nil, {49, nil, {48, nil, nil, nil}, nil},
# expect:       {52, nil, {51, nil, nil, nil}, nil}},
# expect:      {56, nil, {55, nil, {54, nil, nil, nil}, nil}, {57, nil, nil, nil}}}}},
# expect:   {80, nil,
# expect:    {69, nil,
# expect:     {64, nil,
# expect:      {61, nil, {60, nil, {59, nil, nil, nil}, nil},
# expect:       {63, nil, {62, nil, nil, nil}, nil}},
# expect:      {67, nil, {66, nil, {65, nil, nil, nil}, nil}, {68, nil, nil, nil}}},
# expect:     {75, nil,
# expect:      {72, nil, {71, nil, {70, nil, nil, nil}, nil},
# expect:       {74, nil, {73, nil, nil, nil}, nil}},
# expect:      {78, nil, {77, nil, {76, nil, nil, nil}, nil}, {79, nil, nil, nil}}}},
# expect:    {91, nil,
# expect:     {86, nil,
# expect:      {83, nil, {82, nil, {81, nil, nil, nil}, nil},
# expect:       {85, nil, {84, nil, nil, nil}, nil}},
# expect:      {89, nil, {88, nil, {87, nil, nil, nil}, nil}, {90, nil, nil, nil}}},
# expect:     {96, nil,
# expect:      {94, nil, {93, nil, {92, nil, nil, nil}, nil}, {95, nil, nil, nil}},
# expect:      {99, nil, {98, nil, {97, nil, nil, nil}, nil}, {100, nil, nil, nil}}}}}}}
# expect: 53851396
# expect: 102274990
# expect: {8,
# expect:  {5, {3, {2, {1, nil, nil}, nil}, {4, nil, nil}},
# expect:   {8, {7, nil, nil}, {9, nil, nil}}}}
# expect: {15,
# expect:  {5, {3, {2, {1, {0, nil, nil}, nil}, nil}, {4, nil, nil}},
# expect:   {8, {7, {6, nil, nil}, nil},
# expect:    {9, nil, {10, nil, {12, {11, nil, nil}, {13, nil, {14, nil, nil}}}}}}}}
# expect: true
# expect: {14,
# expect:  {5, {4, {2, {1, {0, nil, nil}, nil}, nil}, nil},
# expect:   {8, {7, {6, nil, nil}, nil},
# expect:    {9, nil, {10, nil, {12, {11, nil, nil}, {13, nil, {14, nil, nil}}}}}}}}
# expect: true
# expect: false
# expect: 15
# expect: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
# expect: {{31,
# expect:   {15,
# expect:    {7,
# expect:     {3, {1, {0, nil, nil}, {2, nil, nil}}, {5, {4, nil, nil}, {6, nil, nil}}},
# expect:     {11, {9, {8, nil, nil}, {10, nil, nil}},
# expect:      {13, {12, nil, nil}, {14, nil, nil}}}},
# expect:    {23,
# expect:     {19, {17, {16, nil, nil}, {18, nil, nil}},
# expect:      {21, {20, nil, nil}, {22, nil, nil}}},
# expect:     {27, {25, {24, nil, nil}, {26, nil, nil}},
# expect:      {29, {28, nil, nil}, {30, nil, nil}}}}}},
# expect:  {14,
# expect:   {7, {3, {1, nil, {2, nil, nil}}, {5, {4, nil, nil}, {6, nil, nil}}},
# expect:    {11, {9, {8, nil, nil}, {10, nil, nil}},
# expect:     {13, {12, nil, nil}, {14, nil, nil}}}}}, {1, {0, nil, nil}}}
# expect: {{31,
# expect:   {15,
# expect:    {7,
# expect:     {3, {1, {0, nil, nil}, {2, nil, nil}}, {5, {4, nil, nil}, {6, nil, nil}}},
# expect:     {11, {9, {8, nil, nil}, {10, nil, nil}},
# expect:      {13, {12, nil, nil}, {14, nil, nil}}}},
# expect:    {23,
# expect:     {19, {17, {16, nil, nil}, {18, nil, nil}},
# expect:      {21, {20, nil, nil}, {22, nil, nil}}},
# expect:     {27, {25, {24, nil, nil}, {26, nil, nil}},
# expect:      {29, {28, nil, nil}, {30, nil, nil}}}}}},
# expect:  {14,
# expect:   {7, {3, {1, nil, {2, nil, nil}}, {5, {4, nil, nil}, {6, nil, nil}}},
# expect:    {11, {9, {8, nil, nil}, {10, nil, nil}},
# expect:     {13, {12, nil, nil}, {14, nil, nil}}}}},
# expect:  {16,
# expect:   {22,
# expect:    {18, {16, {15, nil, nil}, {17, nil, nil}},
# expect:     {20, {19, nil, nil}, {21, nil, nil}}},
# expect:    {26, {24, {23, nil, nil}, {25, nil, nil}},
# expect:     {28, {27, nil, nil}, {29, nil, {30, nil, nil}}}}}}}
# expect: {{32,
# expect:   {16,
# expect:    {8,
# expect:     {4, {2, {1, nil, nil}, {3, nil, nil}}, {6, {5, nil, nil}, {7, nil, nil}}},
# expect:     {12, {10, {9, nil, nil}, {11, nil, nil}},
# expect:      {14, {13, nil, nil}, {15, nil, nil}}}},
# expect:    {24,
# expect:     {20, {18, {17, nil, nil}, {19, nil, nil}},
# expect:      {22, {21, nil, nil}, {23, nil, nil}}},
# expect:     {28, {26, {25, nil, nil}, {27, nil, nil}},
# expect:      {30, {29, nil, nil}, {40, nil, {50, nil, nil}}}}}}},
# expect:  {2, {2, nil, {7.0, nil, nil}}},
# expect:  {28,
# expect:   {16,
# expect:    {9, {4, {1, nil, {3, nil, nil}}, {6, {5, nil, nil}, {8, nil, nil}}},
# expect:     {12, {10, nil, {11, nil, nil}}, {14, {13, nil, nil}, {15, nil, nil}}}},
# expect:    {23, {19, {17, nil, {18, nil, nil}}, {21, {20, nil, nil}, {22, nil, nil}}},
# expect:     {27, {25, {24, nil, nil}, {26, nil, nil}},
# expect:      {29, {28, nil, nil}, {30, nil, nil}}}}}}}
# expect: {{32,
# expect:   {16,
# expect:    {8,
# expect:     {4, {2, {1, nil, nil}, {3, nil, nil}}, {6, {5, nil, nil}, {7, nil, nil}}},
# expect:     {12, {10, {9, nil, nil}, {11, nil, nil}},
# expect:      {14, {13, nil, nil}, {15, nil, nil}}}},
# expect:    {24,
# expect:     {20, {18, {17, nil, nil}, {19, nil, nil}},
# expect:      {22, {21, nil, nil}, {23, nil, nil}}},
# expect:     {28, {26, {25, nil, nil}, {27, nil, nil}},
# expect:      {30, {29, nil, nil}, {40, nil, {50, nil, nil}}}}}}},
# expect:  {2, {2, nil, {7.0, nil, nil}}}, {2, {40, nil, {50, nil, nil}}}}
# expect: {{45,
# expect:   {23,
# expect:    {11,
# expect:     {5, {2, {1, nil, nil}, {3, nil, {4, nil, nil}}},
# expect:      {8, {6, nil, {7, nil, nil}}, {9, nil, {10, nil, nil}}}},
# expect:     {17, {14, {12, nil, {13, nil, nil}}, {15, nil, {16, nil, nil}}},
# expect:      {20, {18, nil, {19, nil, nil}}, {21, nil, {22, nil, nil}}}}},
# expect:    {34,
# expect:     {28, {25, {24, nil, nil}, {26, nil, {27, nil, nil}}},
# expect:      {31, {29, nil, {30, nil, nil}}, {32, nil, {33, nil, nil}}}},
# expect:     {40, {37, {35, nil, {36, nil, nil}}, {38, nil, {39, nil, nil}}},
# expect:      {43, {41, nil, {42, nil, nil}}, {44, nil, {45, nil, nil}}}}}}},
# expect:  {11,
# expect:   {25, {22, {20, nil, {21, nil, nil}}, {23, nil, {24, nil, nil}}},
# expect:    {28, {26, nil, {27, nil, nil}}, {29, nil, {30, nil, nil}}}}},
# expect:  {19,
# expect:   {10,
# expect:    {5, {2, {1, nil, nil}, {3, nil, {4, nil, nil}}},
# expect:     {7, {6, nil, nil}, {8, nil, {9, nil, nil}}}},
# expect:    {15, {12, {11, nil, nil}, {13, nil, {14, nil, nil}}},
# expect:     {17, {16, nil, nil}, {18, nil, {19, nil, nil}}}}}}}
# expect: {{45,
# expect:   {23,
# expect:    {11,
# expect:     {5, {2, {1, nil, nil}, {3, nil, {4, nil, nil}}},
# expect:      {8, {6, nil, {7, nil, nil}}, {9, nil, {10, nil, nil}}}},
# expect:     {17, {14, {12, nil, {13, nil, nil}}, {15, nil, {16, nil, nil}}},
# expect:      {20, {18, nil, {19, nil, nil}}, {21, nil, {22, nil, nil}}}}},
# expect:    {34,
# expect:     {28, {25, {24, nil, nil}, {26, nil, {27, nil, nil}}},
# expect:      {31, {29, nil, {30, nil, nil}}, {32, nil, {33, nil, nil}}}},
# expect:     {40, {37, {35, nil, {36, nil, nil}}, {38, nil, {39, nil, nil}}},
# expect:      {43, {41, nil, {42, nil, nil}}, {44, nil, {45, nil, nil}}}}}}},
# expect:  {11,
# expect:   {25, {22, {20, nil, {21, nil, nil}}, {23, nil, {24, nil, nil}}},
# expect:    {28, {26, nil, {27, nil, nil}}, {29, nil, {30, nil, nil}}}}},
# expect:  {15,
# expect:   {38,
# expect:    {34, {32, {31, nil, nil}, {33, nil, nil}},
# expect:     {36, {35, nil, nil}, {37, nil, nil}}},
# expect:    {42, {40, {39, nil, nil}, {41, nil, nil}},
# expect:     {44, {43, nil, nil}, {45, nil, nil}}}}}}
# expect: {{17,
# expect:   {8,
# expect:    {3, {1, {0, nil, nil}, {2, nil, nil}},
# expect:     {5, {4, nil, nil}, {6, nil, {7, nil, nil}}}},
# expect:    {12, {10, {9, nil, nil}, {11, nil, nil}},
# expect:     {14, {13, nil, nil}, {40, nil, {50, nil, nil}}}}}},
# expect:  {2, {2, nil, {7, nil, nil}}},
# expect:  {13,
# expect:   {8, {3, {0, nil, {1, nil, nil}}, {5, {4, nil, nil}, {6, nil, nil}}},
# expect:    {11, {9, nil, {10, nil, nil}}, {13, {12, nil, nil}, {14, nil, nil}}}}}}
# expect: {{4, {7.0, {2, nil, nil}, {40, nil, {50, nil, nil}}}}, {0, nil},
# expect:  {4, {7.0, {2, nil, nil}, {40, nil, {50, nil, nil}}}}}
# expect: 110835754
# expect: {4, {2, {1, nil, nil}, {3, nil, {4.0, nil, nil}}}}
# expect: {3, {2, {1.0, nil, nil}, {3, nil, nil}}}
# expect: {2, {1, nil, {2, nil, nil}}}
# expect: [14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
# expect: {8,
# expect:  {8, {4, {2, {0, nil, nil}, nil}, {6, nil, nil}},
# expect:   {12, {10, nil, nil}, {14, nil, nil}}}}
# expect: [
# expect:   {0, nil, nil},
# expect:   {1, {0, nil, nil}, nil},
# expect:   {2, {1, {0, nil, nil}, nil}, nil},
# expect:   {3, {2, {1, {0, nil, nil}, nil}, nil}, {4, nil, nil}},
# expect:   {5, {3, {2, {1, {0, nil, nil}, nil}, nil}, {4, nil, nil}},
# expect:    {8, {7, {6, nil, nil}, nil},
# expect:     {9, nil, {10, nil, {12, {11, nil, nil}, {13, nil, {14, nil, nil}}}}}}}
# expect: ]
# expect: {0,
# expect:  [
# expect:    {1, {0, nil, nil}, nil},
# expect:    {2, {1, {0, nil, nil}, nil}, nil},
# expect:    {3, {2, {1, {0, nil, nil}, nil}, nil}, {4, nil, nil}},
# expect:    {5, {3, {2, {1, {0, nil, nil}, nil}, nil}, {4, nil, nil}},
# expect:     {8, {7, {6, nil, nil}, nil},
# expect:      {9, nil, {10, nil, {12, {11, nil, nil}, {13, nil, {14, nil, nil}}}}}}}
# expect:  ]}
# expect: {0, 14,
# expect:  {0,
# expect:   {14,
# expect:    {5, {3, {2, {1, nil, nil}, nil}, {4, nil, nil}},
# expect:     {8, {7, {6, nil, nil}, nil},
# expect:      {9, nil, {10, nil, {12, {11, nil, nil}, {13, nil, {14, nil, nil}}}}}}}}}}
# expect: true
# expect: {1, {:x, nil, nil}}
# expect: false
# expect: true
