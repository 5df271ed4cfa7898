# case: without CAP_BPF the kernel refuses every back-edge, even of a loop it could walk (check_cfg: back-edge from insn 3 to 1); the kernel test keeps CAP_BPF and drops only CAP_PERFMON, and refuses this loop too, through the speculative path of its decided exit test (infinite loop detected)
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: loop.backedge @ insn 3
        .section socket,"ax"
prog:
        r0 = 0
loop:
        r0 += 1
        if r0 > 3 goto out
        goto loop
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
