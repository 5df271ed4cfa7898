# case: the kernel decides a comparison of a pointer with 0 only for pointers it knows are not NULL (is_branch_taken, reg_not_null: map values, sockets, memory); the context is not one of them, so both branches of `if r1 != 0` are verified and the read of the never-written r9 in the other one refuses the program
# type: socket_filter
# kernel: reject
# expect: uninit.register @ insn 1
        .section socket,"ax"
prog:
        if r1 != 0 goto ok
        r0 = *(u64 *)(r9 + 0)
        exit
ok:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
