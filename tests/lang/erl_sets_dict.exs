# :sets and :dict (runtime/lib/ex/erl_sets.ex) keep OTP 25's hash table
# (slots from :erlang.phash/2's hash, growth and shrinking, bucket order), so
# the structures print and list in OTP's order. Expected output from
# Elixir 1.14 / OTP 25.
mixed = [3, 1, 2, 10, 20, :a, "x", {1}, 1.0, -7, 1.5, [1, 2], ~c"abc", %{k: 1}, <<1::3>>, 100000000000000000000000, :ok, "hello world", {:a, [:b]}, [], nil, true]
s = :sets.from_list(mixed)
IO.inspect(s)
IO.inspect(:sets.to_list(s))
IO.inspect({:sets.size(s), :sets.is_element(1.0, s), :sets.is_element(4, s), :sets.is_element(1, s)})
big = :sets.from_list(Enum.to_list(1..150))
IO.inspect(big, limit: :infinity)
IO.inspect(:sets.to_list(big), limit: :infinity)
small = Enum.reduce(1..140, big, fn i, s -> :sets.del_element(i, s) end)
IO.inspect(small, limit: :infinity)
IO.inspect(:sets.to_list(small))
ev = :sets.filter(fn x -> rem(x, 3) == 0 end, big)
IO.inspect(ev, limit: :infinity)
IO.inspect(:sets.to_list(ev), limit: :infinity)
a = :sets.from_list(Enum.to_list(1..30))
b = :sets.from_list([2, 40, 7.0, 7, 50, :x])
IO.inspect(:sets.to_list(:sets.union(a, b)), limit: :infinity)
IO.inspect(:sets.to_list(:sets.union(b, a)), limit: :infinity)
IO.inspect(:sets.union(b, :sets.new()))
IO.inspect(:sets.to_list(:sets.intersection(a, b)))
IO.inspect(:sets.intersection(b, a))
IO.inspect(:sets.to_list(:sets.subtract(a, b)))
IO.inspect(:sets.subtract(b, a))
IO.inspect({:sets.is_subset(b, a), :sets.is_subset(:sets.from_list([1, 2]), a), :sets.is_subset(:sets.new(), a)})
IO.inspect(:sets.fold(fn x, acc -> [x | acc] end, [], b))
IO.inspect(:sets.add_element(:x, b) == b)
IO.inspect(:sets.del_element(:nope, b) == b)
IO.inspect(:sets.union([a, b, :sets.from_list([99])]) |> :sets.size())
IO.inspect(:sets.intersection([a, b]) |> :sets.to_list())
IO.inspect(:sets.is_set(a))
IO.inspect(:sets.is_empty(:sets.new()))
v2 = :sets.from_list([3, 1, 2], version: 2)
IO.inspect({v2, :sets.new(version: 2), :sets.to_list(v2), :sets.is_element(2, v2), :sets.add_element(9, v2), :sets.size(v2)})

d = :dict.from_list([a: 1, b: 2, c: 3, d: 4])
IO.inspect(d)
IO.inspect(:dict.store(:a, 10, d))
IO.inspect(:dict.store(:e, 5, d))
IO.inspect({:dict.fetch(:b, d), :dict.find(:b, d), :dict.find(:z, d), :dict.is_key(:c, d), :dict.is_key(:z, d), :dict.size(d)})
IO.inspect(:dict.erase(:b, d))
IO.inspect(:dict.erase(:zz, d) == d)
IO.inspect(:dict.to_list(d))
IO.inspect(:dict.fold(fn k, v, acc -> [{v, k} | acc] end, [], d))
c = Enum.reduce(~w(a b a c b a d e a), :dict.new(), fn w, d -> :dict.update_counter(w, 1, d) end)
IO.inspect(c)
IO.inspect(:dict.to_list(c))
ap = Enum.reduce([{:x, 1}, {:y, 2}, {:x, 3}], :dict.new(), fn {k, v}, d -> :dict.append(k, v, d) end)
IO.inspect(:dict.to_list(ap))
IO.inspect(:dict.to_list(:dict.append_list(:x, [7, 8], ap)))
bd = :dict.from_list(for i <- 1..120, do: {i, i * i})
IO.inspect(bd, limit: :infinity)
IO.inspect(:dict.to_list(bd), limit: :infinity)
sd = Enum.reduce(1..100, bd, &:dict.erase/2)
IO.inspect(sd, limit: :infinity)
IO.inspect(:dict.fetch_keys(sd))
IO.inspect(:dict.to_list(:dict.filter(fn k, _ -> rem(k, 2) == 0 end, sd)))
IO.inspect(:dict.filter(fn k, _ -> rem(k, 2) == 0 end, sd))
IO.inspect(:dict.map(fn _, v -> v + 1 end, d))
IO.inspect(:dict.update(:a, &(&1 * 100), d))
IO.inspect(:dict.update(:q, &(&1 * 100), 0, d))
IO.inspect(:dict.to_list(:dict.merge(fn _, x, y -> x + y end, d, :dict.from_list([a: 100, z: 26]))))
IO.inspect(:dict.take(:a, d))
IO.inspect(:dict.from_list([{1, :int}, {1.0, :float}]) |> :dict.to_list())
try do :dict.fetch(:zz, d) rescue e -> IO.inspect(e) end
import Bitwise
terms = [:a, :b, :foo, :hello_world_long_atom_name, :"élan", [], 0, 1, -1, 255, 256, 65536, 1 <<< 32, -(1 <<< 40), (1 <<< 59) - 1, -(1 <<< 59), 1 <<< 60, (1 <<< 64) - 1, 1 <<< 64, -(1 <<< 70), 1 <<< 100, 12345678901234567890123,
  1.0, 0.0, 3.14, -2.5e100, "x", "", "hello", "héllo", <<1::3>>, <<255, 7::5>>, {}, {1}, {1, :a, "b"}, [1], [1, 2, 3], [1 | 2], ~c"abc", [[1], {2}], {[], [[]]}, %{}, %{a: 1}, [1, :a, 2 | 3], [300, 1], [-1, 2], %{{1} => [2]}, [%{}], 1.0e-300, true, nil]
IO.inspect(:sets.to_list(:sets.from_list(terms)), limit: :infinity)
IO.inspect(:dict.fetch_keys(:dict.from_list(for t <- terms, do: {t, 0})), limit: :infinity)
# expect: {:set, 22, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[1.5, 1.0], [[], :a, 3], [a: [:b]], [-7], [100000000000000000000000],
# expect:    [true, 'abc'], [2], [], [<<1::size(3)>>], ["x"], [{1}], [:ok, 1], [nil, 20],
# expect:    [], [%{k: 1}, [1, 2], 10], ["hello world"]}}}
# expect: [
# expect:   1.0,
# expect:   1.5,
# expect:   3,
# expect:   :a,
# expect:   [],
# expect:   {:a, [:b]},
# expect:   -7,
# expect:   100000000000000000000000,
# expect:   'abc',
# expect:   true,
# expect:   2,
# expect:   <<1::size(3)>>,
# expect:   "x",
# expect:   {1},
# expect:   1,
# expect:   :ok,
# expect:   20,
# expect:   nil,
# expect:   10,
# expect:   [1, 2],
# expect:   %{k: 1},
# expect:   "hello world"
# expect: ]
# expect: {22, true, false, true}
# expect: {:set, 150, 30, 32, 16, 150, 90,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[128, 96, 64, 32], [147, 115, 83, 51, 19], [134, 102, 70, 38, 6],
# expect:    [121, 89, 57, 25], [140, 108, 76, 44, 12], [127, 95, 63, 31],
# expect:    [146, 114, 82, 50, 18], [133, 101, 69, 37, 5], [120, 88, 56, 24],
# expect:    [139, 107, 75, 43, 11], [126, 94, 62, 30], [145, 113, 81, 49, 17],
# expect:    [132, 100, 68, 36, 4], [119, 87, 55, 23],
# expect:    [138, 122, 106, 90, 74, 58, 42, 26, 10],
# expect:    [141, 125, 109, 93, 77, 61, 45, 29, 13]},
# expect:   {[144, 112, 80, 48, 16], [131, 99, 67, 35, 3], [150, 118, 86, 54, 22],
# expect:    [137, 105, 73, 41, 9], [124, 92, 60, 28], [143, 111, 79, 47, 15],
# expect:    [130, 98, 66, 34, 2], [149, 117, 85, 53, 21], [136, 104, 72, 40, 8], '{[;\e',
# expect:    [142, 110, 78, 46, 14], [129, 97, 65, 33, 1], [148, 116, 84, 52, 20],
# expect:    [135, 103, 71, 39, 7], [], []}}}
# expect: [32, 64, 96, 128, 19, 51, 83, 115, 147, 6, 38, 70, 102, 134, 25, 57, 89, 121,
# expect:  12, 44, 76, 108, 140, 31, 63, 95, 127, 18, 50, 82, 114, 146, 5, 37, 69, 101,
# expect:  133, 24, 56, 88, 120, 11, 43, 75, 107, 139, 30, 62, 94, 126, 17, 49, 81, 113,
# expect:  145, 4, 36, 68, 100, 132, 23, 55, 87, 119, 10, 26, 42, 58, 74, 90, 106, 122,
# expect:  138, 13, 29, 45, 61, 77, 93, 109, 125, 141, 16, 48, 80, 112, 144, 3, 35, 67,
# expect:  99, 131, 22, 54, 86, 118, 150, 9, 41, 73, 105, 137, 28, 60, 92, 124, 15, 47,
# expect:  79, 111, 143, 2, 34, 66, 98, 130, 21, 53, 85, 117, 149, 8, 40, 72, 104, 136,
# expect:  27, 59, 91, 123, 14, 46, 78, 110, 142, 1, 33, 65, 97, 129, 20, 52, 84, 116,
# expect:  148, 7, 39, 71, 103, 135]
# expect: {:set, 10, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[144], [147], [150], [], [], [143], [146], [149], [], [], [142], [145],
# expect:    [148], [], [], [141]}}}
# expect: [144, 147, 150, 143, 146, 149, 142, 145, 148, 141]
# expect: {:set, 50, 29, 32, 16, 145, 87,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{'`', [51, 147], [6, 102], '9', '\fl', '?', [18, 114], 'E', [24, 120], 'K',
# expect:    [30, 126], 'Q', [36, 132], [87, 39, 135], [42, 90, 138], [45, 93, 141]},
# expect:   {[48, 144], [3, 99], [54, 150], '\ti', '<', [15, 111], 'B', [21, 117], 'H',
# expect:    '\e{', 'N', [33, 129], 'T', [], [], []}}}
# expect: [96, 147, 51, 102, 6, 57, 108, 12, 63, 114, 18, 69, 120, 24, 75, 126, 30, 81,
# expect:  132, 36, 135, 39, 87, 138, 90, 42, 141, 93, 45, 144, 48, 99, 3, 150, 54, 105,
# expect:  9, 60, 111, 15, 66, 117, 21, 72, 123, 27, 78, 129, 33, 84]
# expect: [16, 7.0, 3, 19, 6, 22, 9, 25, 12, 28, 15, 2, 18, 50, 5, 21, 8, 24, :x, 40, 11,
# expect:  27, 14, 30, 1, 17, 4, 20, 7, 23, 10, 26, 13, 29]
# expect: [16, 7.0, 3, 19, 6, 22, 9, 25, 12, 28, 15, 2, 18, 50, 5, 21, 8, 24, :x, 40, 11,
# expect:  27, 14, 30, 1, 17, 4, 20, 7, 23, 10, 26, 13, 29]
# expect: {:set, 6, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[7.0], [], [], [], [], [], [50, 2], [], [:x, 40], [], [], [], [], '\a', [],
# expect:    []}}}
# expect: [2, 7]
# expect: {:set, 2, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [], [], [], [], [], [2], [], [], [], [], [], [], '\a', [], []}}}
# expect: [16, 19, 3, 22, 6, 25, 9, 28, 12, 15, 18, 21, 5, 24, 8, 27, 11, 30, 14, 17, 1,
# expect:  20, 4, 23, 26, 10, 29, 13]
# expect: {:set, 4, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[7.0], [], [], [], [], [], '2', [], [40, :x], [], [], [], [], [], [], []}}}
# expect: {false, true, true}
# expect: [7.0, 2, 50, 40, :x, 7]
# expect: true
# expect: true
# expect: 35
# expect: [2, 7]
# expect: true
# expect: true
# expect: {%{1 => [], 2 => [], 3 => []}, %{}, [1, 2, 3], true,
# expect:  %{1 => [], 2 => [], 3 => [], 9 => []}, 3}
# expect: {:dict, 4, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [[:a | 1]], [[:b | 2]], [[:c | 3]], [[:d | 4]], [], [], [], [], [], [],
# expect:    [], [], [], [], []}}}
# expect: {:dict, 4, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [[:a | 10]], [[:b | 2]], [[:c | 3]], [[:d | 4]], [], [], [], [], [], [],
# expect:    [], [], [], [], []}}}
# expect: {:dict, 5, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [[:a | 1]], [[:b | 2]], [[:c | 3]], [[:d | 4]], [[:e | 5]], [], [], [],
# expect:    [], [], [], [], [], [], []}}}
# expect: {2, {:ok, 2}, :error, true, false, 4}
# expect: {:dict, 3, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [[:a | 1]], [], [[:c | 3]], [[:d | 4]], [], [], [], [], [], [], [], [],
# expect:    [], [], []}}}
# expect: true
# expect: [a: 1, b: 2, c: 3, d: 4]
# expect: [{1, :a}, {2, :b}, {3, :c}, {4, :d}]
# expect: {:dict, 5, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [], [["e" | 1]], [], [], [["d" | 1]], [], [], [["c" | 1]], [], [],
# expect:    [["b" | 2]], [], [], [["a" | 4]], []}}}
# expect: [{"e", 1}, {"d", 1}, {"c", 1}, {"b", 2}, {"a", 4}]
# expect: [x: [1, 3], y: [2]]
# expect: [x: [1, 3, 7, 8], y: [2]]
# expect: {:dict, 120, 24, 32, 16, 120, 72,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[[32 | 1024], [64 | 4096], [96 | 9216]],
# expect:    [[19 | 361], [51 | 2601], [83 | 6889], [115 | 13225]],
# expect:    [[6 | 36], [38 | 1444], [70 | 4900], [102 | 10404]],
# expect:    [[25 | 625], [57 | 3249], [89 | 7921]],
# expect:    [[12 | 144], [44 | 1936], [76 | 5776], [108 | 11664]],
# expect:    [[31 | 961], [63 | 3969], [95 | 9025]],
# expect:    [[18 | 324], [50 | 2500], [82 | 6724], [114 | 12996]],
# expect:    [[5 | 25], [37 | 1369], [69 | 4761], [101 | 10201]],
# expect:    [
# expect:      [8 | 64],
# expect:      [24 | 576],
# expect:      [40 | 1600],
# expect:      [56 | 3136],
# expect:      [72 | 5184],
# expect:      [88 | 7744],
# expect:      [104 | 10816],
# expect:      [120 | 14400]
# expect:    ],
# expect:    [
# expect:      [11 | 121],
# expect:      [27 | 729],
# expect:      [43 | 1849],
# expect:      [59 | 3481],
# expect:      [75 | 5625],
# expect:      [91 | 8281],
# expect:      [107 | 11449]
# expect:    ],
# expect:    [
# expect:      [14 | 196],
# expect:      [30 | 900],
# expect:      [46 | 2116],
# expect:      [62 | 3844],
# expect:      [78 | 6084],
# expect:      [94 | 8836],
# expect:      [110 | 12100]
# expect:    ],
# expect:    [
# expect:      [1 | 1],
# expect:      [17 | 289],
# expect:      [33 | 1089],
# expect:      [49 | 2401],
# expect:      [65 | 4225],
# expect:      [81 | 6561],
# expect:      [97 | 9409],
# expect:      [113 | 12769]
# expect:    ],
# expect:    [
# expect:      [4 | 16],
# expect:      [20 | 400],
# expect:      [36 | 1296],
# expect:      [52 | 2704],
# expect:      [68 | 4624],
# expect:      [84 | 7056],
# expect:      [100 | 10000],
# expect:      [116 | 13456]
# expect:    ],
# expect:    [
# expect:      [7 | 49],
# expect:      [23 | 529],
# expect:      [39 | 1521],
# expect:      [55 | 3025],
# expect:      [71 | 5041],
# expect:      [87 | 7569],
# expect:      [103 | 10609],
# expect:      [119 | 14161]
# expect:    ],
# expect:    [
# expect:      [10 | 100],
# expect:      [26 | 676],
# expect:      [42 | 1764],
# expect:      [58 | 3364],
# expect:      [74 | 5476],
# expect:      [90 | 8100],
# expect:      [106 | 11236]
# expect:    ],
# expect:    [
# expect:      [13 | 169],
# expect:      [29 | 841],
# expect:      [45 | 2025],
# expect:      [61 | 3721],
# expect:      [77 | 5929],
# expect:      [93 | 8649],
# expect:      [109 | 11881]
# expect:    ]},
# expect:   {[[16 | 256], [48 | 2304], [80 | 6400], [112 | 12544]],
# expect:    [[3 | 9], [35 | 1225], [67 | 4489], [99 | 9801]],
# expect:    [[22 | 484], [54 | 2916], [86 | 7396], [118 | 13924]],
# expect:    [[9 | 81], [41 | 1681], [73 | 5329], [105 | 11025]],
# expect:    [[28 | 784], [60 | 3600], [92 | 8464]],
# expect:    [[15 | 225], [47 | 2209], [79 | 6241], [111 | 12321]],
# expect:    [[2 | 4], [34 | 1156], [66 | 4356], [98 | 9604]],
# expect:    [[21 | 441], [53 | 2809], [85 | 7225], [117 | 13689]], [], [], [], [], [],
# expect:    [], [], []}}}
# expect: [
# expect:   {96, 9216},
# expect:   {64, 4096},
# expect:   {32, 1024},
# expect:   {115, 13225},
# expect:   {83, 6889},
# expect:   {51, 2601},
# expect:   {19, 361},
# expect:   {102, 10404},
# expect:   {70, 4900},
# expect:   {38, 1444},
# expect:   {6, 36},
# expect:   {89, 7921},
# expect:   {57, 3249},
# expect:   {25, 625},
# expect:   {108, 11664},
# expect:   {76, 5776},
# expect:   {44, 1936},
# expect:   {12, 144},
# expect:   {95, 9025},
# expect:   {63, 3969},
# expect:   {31, 961},
# expect:   {114, 12996},
# expect:   {82, 6724},
# expect:   {50, 2500},
# expect:   {18, 324},
# expect:   {101, 10201},
# expect:   {69, 4761},
# expect:   {37, 1369},
# expect:   {5, 25},
# expect:   {120, 14400},
# expect:   {104, 10816},
# expect:   {88, 7744},
# expect:   {72, 5184},
# expect:   {56, 3136},
# expect:   {40, 1600},
# expect:   {24, 576},
# expect:   {8, 64},
# expect:   {107, 11449},
# expect:   {91, 8281},
# expect:   {75, 5625},
# expect:   {59, 3481},
# expect:   {43, 1849},
# expect:   {27, 729},
# expect:   {11, 121},
# expect:   {110, 12100},
# expect:   {94, 8836},
# expect:   {78, 6084},
# expect:   {62, 3844},
# expect:   {46, 2116},
# expect:   {30, 900},
# expect:   {14, 196},
# expect:   {113, 12769},
# expect:   {97, 9409},
# expect:   {81, 6561},
# expect:   {65, 4225},
# expect:   {49, 2401},
# expect:   {33, 1089},
# expect:   {17, 289},
# expect:   {1, 1},
# expect:   {116, 13456},
# expect:   {100, 10000},
# expect:   {84, 7056},
# expect:   {68, 4624},
# expect:   {52, 2704},
# expect:   {36, 1296},
# expect:   {20, 400},
# expect:   {4, 16},
# expect:   {119, 14161},
# expect:   {103, 10609},
# expect:   {87, 7569},
# expect:   {71, 5041},
# expect:   {55, 3025},
# expect:   {39, 1521},
# expect:   {23, 529},
# expect:   {7, 49},
# expect:   {106, 11236},
# expect:   {90, 8100},
# expect:   {74, 5476},
# expect:   {58, 3364},
# expect:   {42, 1764},
# expect:   {26, 676},
# expect:   {10, 100},
# expect:   {109, 11881},
# expect:   {93, 8649},
# expect:   {77, 5929},
# expect:   {61, 3721},
# expect:   {45, 2025},
# expect:   {29, 841},
# expect:   {13, 169},
# expect:   {112, 12544},
# expect:   {80, 6400},
# expect:   {48, 2304},
# expect:   {16, 256},
# expect:   {99, 9801},
# expect:   {67, 4489},
# expect:   {35, 1225},
# expect:   {3, 9},
# expect:   {118, 13924},
# expect:   {86, 7396},
# expect:   {54, 2916},
# expect:   {22, 484},
# expect:   {105, 11025},
# expect:   {73, 5329},
# expect:   {41, 1681},
# expect:   {9, 81},
# expect:   {92, 8464},
# expect:   {60, 3600},
# expect:   {28, 784},
# expect:   {111, 12321},
# expect:   {79, 6241},
# expect:   {47, 2209},
# expect:   {15, 225},
# expect:   {98, 9604},
# expect:   {66, 4356},
# expect:   {34, 1156},
# expect:   {2, 4},
# expect:   {117, 13689},
# expect:   {85, 7225},
# expect:   {53, 2809},
# expect:   {21, 441}
# expect: ]
# expect: {:dict, 20, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[[112 | 12544]], [[115 | 13225]], [[102 | 10404], [118 | 13924]],
# expect:    [[105 | 11025]], [[108 | 11664]], [[111 | 12321]], [[114 | 12996]],
# expect:    [[101 | 10201], [117 | 13689]], [[104 | 10816], [120 | 14400]],
# expect:    [[107 | 11449]], [[110 | 12100]], [[113 | 12769]], [[116 | 13456]],
# expect:    [[103 | 10609], [119 | 14161]], [[106 | 11236]], [[109 | 11881]]}}}
# expect: 'psvfiloruexhknqtwgjm'
# expect: [
# expect:   {112, 12544},
# expect:   {118, 13924},
# expect:   {102, 10404},
# expect:   {108, 11664},
# expect:   {114, 12996},
# expect:   {120, 14400},
# expect:   {104, 10816},
# expect:   {110, 12100},
# expect:   {116, 13456},
# expect:   {106, 11236}
# expect: ]
# expect: {:dict, 10, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[[112 | 12544]], [], [[102 | 10404], [118 | 13924]], [], [[108 | 11664]], [],
# expect:    [[114 | 12996]], [], [[104 | 10816], [120 | 14400]], [], [[110 | 12100]], [],
# expect:    [[116 | 13456]], [], [[106 | 11236]], []}}}
# expect: {:dict, 4, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [[:a | 2]], [[:b | 3]], [[:c | 4]], [[:d | 5]], [], [], [], [], [], [],
# expect:    [], [], [], [], []}}}
# expect: {:dict, 4, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [[:a | 100]], [[:b | 2]], [[:c | 3]], [[:d | 4]], [], [], [], [], [], [],
# expect:    [], [], [], [], []}}}
# expect: {:dict, 5, 16, 16, 8, 80, 48,
# expect:  {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:  {{[], [[:a | 1], [:q | 0]], [[:b | 2]], [[:c | 3]], [[:d | 4]], [], [], [], [],
# expect:    [], [], [], [], [], [], []}}}
# expect: [a: 101, b: 2, c: 3, d: 4, z: 26]
# expect: {1,
# expect:  {:dict, 3, 16, 16, 8, 80, 48,
# expect:   {[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []},
# expect:   {{[], [], [[:b | 2]], [[:c | 3]], [[:d | 4]], [], [], [], [], [], [], [], [],
# expect:     [], [], []}}}}
# expect: [{1.0, :float}, {1, :int}]
# expect: %ArgumentError{message: "argument error"}
# expect: [
# expect:   0,
# expect:   576460752303423487,
# expect:   1152921504606846976,
# expect:   -1180591620717411303424,
# expect:   1267650600228229401496703205376,
# expect:   1.0,
# expect:   0.0,
# expect:   "",
# expect:   {},
# expect:   %{},
# expect:   :a,
# expect:   [],
# expect:   %{a: 1},
# expect:   :b,
# expect:   [[1], {2}],
# expect:   [-1, 2],
# expect:   256,
# expect:   -2.5e100,
# expect:   :hello_world_long_atom_name,
# expect:   -1,
# expect:   255,
# expect:   [1, 2, 3],
# expect:   'abc',
# expect:   [1, :a, 2 | 3],
# expect:   true,
# expect:   <<255, 7::size(5)>>,
# expect:   {1, :a, "b"},
# expect:   1.0e-300,
# expect:   12345678901234567890123,
# expect:   3.14,
# expect:   [300, 1],
# expect:   [%{}],
# expect:   -576460752303423488,
# expect:   18446744073709551615,
# expect:   <<1::size(3)>>,
# expect:   "x",
# expect:   {1},
# expect:   1,
# expect:   65536,
# expect:   4294967296,
# expect:   18446744073709551616,
# expect:   "hello",
# expect:   {[], [[]]},
# expect:   [1],
# expect:   nil,
# expect:   -1099511627776,
# expect:   :élan,
# expect:   %{{1} => [2]},
# expect:   :foo,
# expect:   "héllo",
# expect:   [1 | 2]
# expect: ]
# expect: [
# expect:   %{},
# expect:   {},
# expect:   "",
# expect:   0.0,
# expect:   1.0,
# expect:   1267650600228229401496703205376,
# expect:   -1180591620717411303424,
# expect:   1152921504606846976,
# expect:   576460752303423487,
# expect:   0,
# expect:   %{a: 1},
# expect:   [],
# expect:   :a,
# expect:   [-1, 2],
# expect:   [[1], {2}],
# expect:   :b,
# expect:   256,
# expect:   -2.5e100,
# expect:   true,
# expect:   [1, :a, 2 | 3],
# expect:   'abc',
# expect:   [1, 2, 3],
# expect:   255,
# expect:   -1,
# expect:   :hello_world_long_atom_name,
# expect:   1.0e-300,
# expect:   {1, :a, "b"},
# expect:   <<255, 7::size(5)>>,
# expect:   [%{}],
# expect:   [300, 1],
# expect:   3.14,
# expect:   12345678901234567890123,
# expect:   <<1::size(3)>>,
# expect:   18446744073709551615,
# expect:   -576460752303423488,
# expect:   "x",
# expect:   {1},
# expect:   {[], [[]]},
# expect:   "hello",
# expect:   18446744073709551616,
# expect:   4294967296,
# expect:   65536,
# expect:   1,
# expect:   nil,
# expect:   [1],
# expect:   -1099511627776,
# expect:   %{{1} => [2]},
# expect:   :élan,
# expect:   [1 | 2],
# expect:   "héllo",
# expect:   :foo
# expect: ]
