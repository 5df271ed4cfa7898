# case: a privileged loader's 32-bit spill of a scalar at a slot's start keeps the register (check_stack_write_fixed_off), with its id: the bound on r0 found after the spill holds for the 32-bit fill too, so the branch reading the never-written r9 is dead (check_stack_read_fixed_off)
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        call 5
        r0 &= 65535
        *(u32 *)(r10 - 8) = r0
        if r0 < 1 goto out
        r1 = *(u32 *)(r10 - 8)
        if r1 >= 1 goto out
        r0 = *(u64 *)(r9 + 0)
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
