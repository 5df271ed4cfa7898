# case: a privileged loader may overwrite part of a spilled pointer (the slot becomes data; check_stack_write_fixed_off)
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        *(u64 *)(r10 - 8) = r1
        r0 = 0
        *(u32 *)(r10 - 4) = r0
        exit

        .section license,"aw"
        .asciz  "GPL"
