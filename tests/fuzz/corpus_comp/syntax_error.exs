# A syntax error is reported (file:line:column) and exits with 1.
# exit: 1
x = (1 +
