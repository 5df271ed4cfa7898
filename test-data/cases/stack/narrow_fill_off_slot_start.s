# case: a narrow fill that does not start at the spill's first byte is not a fill of the register (check_stack_read_fixed_off: bpf_stack_narrow_access_ok), so the bound found after the spill does not reach it and the branch reading the never-written r9 is live
# type: socket_filter
# kernel: reject
# expect: uninit.register @ insn 6
        .section socket,"ax"
prog:
        call 5
        r0 &= 65535
        *(u32 *)(r10 - 8) = r0
        if r0 < 1 goto out
        r1 = *(u16 *)(r10 - 6)
        if r1 >= 1 goto out
        r0 = *(u64 *)(r9 + 0)
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
