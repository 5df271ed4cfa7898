# case: without CAP_PERFMON a write of fewer than 8 bytes over a spilled pointer is refused, as it could forge a pointer from the rest (check_stack_write_fixed_off: attempt to corrupt spilled pointer on stack)
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.corrupt_spill @ insn 2
        .section socket,"ax"
prog:
        *(u64 *)(r10 - 8) = r1
        r0 = 0
        *(u32 *)(r10 - 4) = r0
        exit

        .section license,"aw"
        .asciz  "GPL"
