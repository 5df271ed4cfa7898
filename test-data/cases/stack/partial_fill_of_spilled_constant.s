# case: a byte read from the middle of a spilled constant other than 0 is an unknown number to the kernel (check_stack_read_fixed_off keeps only a spilled 0), so the branch reading the never-written r9 is reachable
# type: socket_filter
# kernel: reject
# expect: uninit.register @ insn 4
        .section socket,"ax"
prog:
        r0 = 1
        *(u64 *)(r10 - 8) = r0
        r2 = *(u8 *)(r10 - 1)
        if r2 == 0 goto out
        r0 = r9
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
