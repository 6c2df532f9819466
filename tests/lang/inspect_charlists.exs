# Inspect.List as Elixir 1.14: a list prints as a charlist when
# List.ascii_printable?/2 holds (\a..\r, \e, 32..126; DEL 127 is not one),
# charlists: :as_lists/:as_charlists (chardata: nested lists and binaries
# join the text), printable_limit and limit. Outputs from elixir 1.14.
lists = [
  [127, 121, 122], [121, 122, 127], [7, 8, 9, 10, 11, 12, 13], [6], [14], [27], [27, 97], [31], [32], [126], [128],
  [0], [97, 0], [955], [97, 955], [160], [255], [256], [0x10FFFF],   [97, [98]], ['ab'], [[97]], [97, "b"], ~c"hello\nworld", ~c"tab\there", [92], [39], [34], [35, 123],
  [35], [35, 97], [7], [8], [11], [12], [13], [9], [10], [0x1F600], [97, 98, 99, 100, 101, 102, 103, 104, 105, 106],
  [], [[]], [[], 97], [97, []], [200, 97], [65, 66, 67, 127], [127],
  Enum.to_list(32..126), [123, 125], [92, 110], [35, 123, 97, 125], [97, 98, 99 | []]
]
for l <- [[0xD800], [-1], [97 | 98], [97, 98 | 99], [1.0], [:a], [97, :a]] do
  IO.puts(inspect(l))
  IO.puts(inspect(l, charlists: :as_lists))
  IO.puts(inspect([l, {l}]))
end
for l <- lists do
  IO.puts(inspect(l))
  IO.puts(inspect(l, charlists: :as_lists))
  IO.puts(inspect([l, {l}]))
  IO.puts(inspect(l, charlists: :as_charlists))
end
IO.puts inspect([97, 98, 99, 1], printable_limit: 3)
IO.puts inspect([97, 98, 99, 100], printable_limit: 3)
IO.puts inspect([97, 98, 99, 10], printable_limit: 3)
IO.puts inspect([97, 98, 99, 127], printable_limit: 3)
IO.puts inspect([97, 98, 99], printable_limit: 3)
IO.puts inspect([97, 98, 99], printable_limit: 0)
IO.puts inspect([1, 2], printable_limit: 0)
IO.puts inspect([97, 98, 99], printable_limit: 2)
IO.puts inspect([10, 10, 10], printable_limit: 2)
IO.puts inspect([955, 956], charlists: :as_charlists, printable_limit: 1)
IO.puts inspect(['ab', 'cd'])
IO.puts inspect([127, 121, 122], limit: 2)
IO.puts inspect([97, 98, 99], limit: 2)
IO.puts inspect(List.duplicate(97, 5000)) |> String.length()
IO.inspect([127, 121, 122], charlists: :as_charlists)
IO.inspect([127, 121, 122], charlists: :as_lists)
IO.inspect([127, 121, 122])
IO.inspect(%{a: [127], b: 'x'})
IO.inspect([97, [98, "cd", ["é"]], 955], charlists: :as_charlists)
IO.inspect(["ab", 10], charlists: :as_charlists)
IO.inspect([[]], charlists: :as_charlists)
IO.inspect([[1, 2], 3])
IO.inspect({[7, 8, 9, 10, 11, 12, 13, 27], 'a\\b', [0, 97]})

# expect: [55296]
# expect: [55296]
# expect: [[55296], {[55296]}]
# expect: [-1]
# expect: [-1]
# expect: [[-1], {[-1]}]
# expect: [97 | 98]
# expect: [97 | 98]
# expect: [[97 | 98], {[97 | 98]}]
# expect: [97, 98 | 99]
# expect: [97, 98 | 99]
# expect: [[97, 98 | 99], {[97, 98 | 99]}]
# expect: [1.0]
# expect: [1.0]
# expect: [[1.0], {[1.0]}]
# expect: [:a]
# expect: [:a]
# expect: [[:a], {[:a]}]
# expect: [97, :a]
# expect: [97, :a]
# expect: [[97, :a], {[97, :a]}]
# expect: [127, 121, 122]
# expect: [127, 121, 122]
# expect: [[127, 121, 122], {[127, 121, 122]}]
# expect: '\dyz'
# expect: [121, 122, 127]
# expect: [121, 122, 127]
# expect: [[121, 122, 127], {[121, 122, 127]}]
# expect: 'yz\d'
# expect: '\a\b\t\n\v\f\r'
# expect: [7, 8, 9, 10, 11, 12, 13]
# expect: ['\a\b\t\n\v\f\r', {'\a\b\t\n\v\f\r'}]
# expect: '\a\b\t\n\v\f\r'
# expect: [6]
# expect: [6]
# expect: [[6], {[6]}]
# expect: '\x06'
# expect: [14]
# expect: [14]
# expect: [[14], {[14]}]
# expect: '\x0E'
# expect: '\e'
# expect: [27]
# expect: ['\e', {'\e'}]
# expect: '\e'
# expect: '\ea'
# expect: [27, 97]
# expect: ['\ea', {'\ea'}]
# expect: '\ea'
# expect: [31]
# expect: [31]
# expect: [[31], {[31]}]
# expect: '\x1F'
# expect: ' '
# expect: [32]
# expect: [' ', {' '}]
# expect: ' '
# expect: '~'
# expect: [126]
# expect: ['~', {'~'}]
# expect: '~'
# expect: [128]
# expect: [128]
# expect: [[128], {[128]}]
# expect: '\x80'
# expect: [0]
# expect: [0]
# expect: [[0], {[0]}]
# expect: '\0'
# expect: [97, 0]
# expect: [97, 0]
# expect: [[97, 0], {[97, 0]}]
# expect: 'a\0'
# expect: [955]
# expect: [955]
# expect: [[955], {[955]}]
# expect: 'λ'
# expect: [97, 955]
# expect: [97, 955]
# expect: [[97, 955], {[97, 955]}]
# expect: 'aλ'
# expect: [160]
# expect: [160]
# expect: [[160], {[160]}]
# expect: ' '
# expect: [255]
# expect: [255]
# expect: [[255], {[255]}]
# expect: 'ÿ'
# expect: [256]
# expect: [256]
# expect: [[256], {[256]}]
# expect: 'Ā'
# expect: [1114111]
# expect: [1114111]
# expect: [[1114111], {[1114111]}]
# expect: '􏿿'
# expect: [97, 'b']
# expect: [97, [98]]
# expect: [[97, 'b'], {[97, 'b']}]
# expect: 'ab'
# expect: ['ab']
# expect: [[97, 98]]
# expect: [['ab'], {['ab']}]
# expect: 'ab'
# expect: ['a']
# expect: [[97]]
# expect: [['a'], {['a']}]
# expect: 'a'
# expect: [97, "b"]
# expect: [97, "b"]
# expect: [[97, "b"], {[97, "b"]}]
# expect: 'ab'
# expect: 'hello\nworld'
# expect: [104, 101, 108, 108, 111, 10, 119, 111, 114, 108, 100]
# expect: ['hello\nworld', {'hello\nworld'}]
# expect: 'hello\nworld'
# expect: 'tab\there'
# expect: [116, 97, 98, 9, 104, 101, 114, 101]
# expect: ['tab\there', {'tab\there'}]
# expect: 'tab\there'
# expect: '\\'
# expect: [92]
# expect: ['\\', {'\\'}]
# expect: '\\'
# expect: '\''
# expect: [39]
# expect: ['\'', {'\''}]
# expect: '\''
# expect: '"'
# expect: [34]
# expect: ['"', {'"'}]
# expect: '"'
# expect: '\#{'
# expect: [35, 123]
# expect: ['\#{', {'\#{'}]
# expect: '\#{'
# expect: '#'
# expect: [35]
# expect: ['#', {'#'}]
# expect: '#'
# expect: '#a'
# expect: [35, 97]
# expect: ['#a', {'#a'}]
# expect: '#a'
# expect: '\a'
# expect: [7]
# expect: ['\a', {'\a'}]
# expect: '\a'
# expect: '\b'
# expect: [8]
# expect: ['\b', {'\b'}]
# expect: '\b'
# expect: '\v'
# expect: [11]
# expect: ['\v', {'\v'}]
# expect: '\v'
# expect: '\f'
# expect: [12]
# expect: ['\f', {'\f'}]
# expect: '\f'
# expect: '\r'
# expect: [13]
# expect: ['\r', {'\r'}]
# expect: '\r'
# expect: '\t'
# expect: [9]
# expect: ['\t', {'\t'}]
# expect: '\t'
# expect: '\n'
# expect: [10]
# expect: ['\n', {'\n'}]
# expect: '\n'
# expect: [128512]
# expect: [128512]
# expect: [[128512], {[128512]}]
# expect: '😀'
# expect: 'abcdefghij'
# expect: [97, 98, 99, 100, 101, 102, 103, 104, 105, 106]
# expect: ['abcdefghij', {'abcdefghij'}]
# expect: 'abcdefghij'
# expect: []
# expect: []
# expect: [[], {[]}]
# expect: []
# expect: [[]]
# expect: [[]]
# expect: [[[]], {[[]]}]
# expect: ''
# expect: [[], 97]
# expect: [[], 97]
# expect: [[[], 97], {[[], 97]}]
# expect: 'a'
# expect: [97, []]
# expect: [97, []]
# expect: [[97, []], {[97, []]}]
# expect: 'a'
# expect: [200, 97]
# expect: [200, 97]
# expect: [[200, 97], {[200, 97]}]
# expect: 'Èa'
# expect: [65, 66, 67, 127]
# expect: [65, 66, 67, 127]
# expect: [[65, 66, 67, 127], {[65, 66, 67, 127]}]
# expect: 'ABC\d'
# expect: [127]
# expect: [127]
# expect: [[127], {[127]}]
# expect: '\d'
# expect: ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
# expect: [32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, ...]
# expect: [' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~', {' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'}]
# expect: ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
# expect: '{}'
# expect: [123, 125]
# expect: ['{}', {'{}'}]
# expect: '{}'
# expect: '\\n'
# expect: [92, 110]
# expect: ['\\n', {'\\n'}]
# expect: '\\n'
# expect: '\#{a}'
# expect: [35, 123, 97, 125]
# expect: ['\#{a}', {'\#{a}'}]
# expect: '\#{a}'
# expect: 'abc'
# expect: [97, 98, 99]
# expect: ['abc', {'abc'}]
# expect: 'abc'
# expect: 'abc' ++ ...
# expect: 'abc' ++ ...
# expect: 'abc' ++ ...
# expect: 'abc' ++ ...
# expect: 'abc'
# expect: '' ++ ...
# expect: '' ++ ...
# expect: 'ab' ++ ...
# expect: '\n\n' ++ ...
# expect: 'λ' ++ ...
# expect: ['ab', 'cd']
# expect: [127, 121, ...]
# expect: 'abc'
# expect: 4105
# expect: '\dyz'
# expect: [127, 121, 122]
# expect: [127, 121, 122]
# expect: %{a: [127], b: 'x'}
# expect: 'abcdéλ'
# expect: 'ab\n'
# expect: ''
# expect: [[1, 2], 3]
# expect: {'\a\b\t\n\v\f\r\e', 'a\\b', [0, 97]}
