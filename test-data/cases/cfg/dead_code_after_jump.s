# case: an unconditional jump skips over a block that no other edge enters
# kernel: reject
# expect: cfg.unreachable @ insn 3
        .section xdp,"ax"
prog:
        r0 = 2
        r2 = *(u32 *)(r1 + 12)
        goto done
        r0 = 1                  # skipped block
        r0 += r2
done:
        exit

        .section license,"aw"
        .asciz  "GPL"
