# case: a pointer spilled to the stack must be filled with one 8-byte load; a 4-byte load of it is refused for every loader (check_stack_read_fixed_off: invalid size of register fill)
# type: socket_filter
# kernel: reject
# expect: pointer.partial_fill @ insn 1
        .section socket,"ax"
prog:
        *(u64 *)(r10 - 8) = r1
        r0 = *(u32 *)(r10 - 8)
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
