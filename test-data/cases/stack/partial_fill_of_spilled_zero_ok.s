# case: a byte read from the middle of a spilled constant 0 (r10-1 of an 8-byte spill at r10-8) is 0 (check_stack_read_fixed_off: every byte read is of the spill, and the spill is the constant 0), so the branch reading the never-written r9 is dead
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        r0 = 0
        *(u64 *)(r10 - 8) = r0
        r2 = *(u8 *)(r10 - 1)
        if r2 == 0 goto out
        r0 = r9
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
