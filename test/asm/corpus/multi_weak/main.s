# Weak symbols: a weak default overridden by a strong definition in another file.
    .text
    .globl _start
    .weak  hook
_start:
    call  hook
    call  other_hook
    ret
hook:
    li    a0, 1
    ret
    .weak other_hook
other_hook:
    li    a0, 2
    ret
