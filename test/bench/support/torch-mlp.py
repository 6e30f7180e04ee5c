"""The reference MLP of bench:tfjs-backends in PyTorch on the CPU (the original project's
framework): 40 -> 64 -> 32 -> 3 (ReLU, softmax cross-entropy), Adam lr 0.001, one epoch over
16,384 random rows a round, in shuffled batches, reading the batch's loss and hits each batch
as the tfjs loop does. Prints one JSON line: {"torch": version, "threads": n, "rates": [...]}.

    python3 torch-mlp.py BATCH ROUNDS THREADS
"""
import json
import sys
import time

import torch

ROWS = 16_384
FEATURES = 40


def main() -> None:
    batch, rounds, threads = (int(a) for a in sys.argv[1:4])
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    x = torch.rand(ROWS, FEATURES)
    y = torch.randint(0, 3, (ROWS,))
    rates = []
    for round_ in range(rounds + 1):
        model = torch.nn.Sequential(
            torch.nn.Linear(FEATURES, 64), torch.nn.ReLU(),
            torch.nn.Linear(64, 32), torch.nn.ReLU(),
            torch.nn.Linear(32, 3),
        )
        optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
        loss_fn = torch.nn.CrossEntropyLoss()
        order = torch.randperm(ROWS)
        started = time.perf_counter()
        for start in range(0, ROWS, batch):
            idx = order[start:start + batch]
            xb, yb = x[idx], y[idx]
            optimizer.zero_grad()
            logits = model(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            loss.item()
            (logits.argmax(1) == yb).sum().item()
        seconds = time.perf_counter() - started
        if round_ > 0:  # round 0 warms up
            rates.append(ROWS / seconds)
    print(json.dumps({"torch": torch.__version__, "threads": threads, "rates": rates}))


if __name__ == "__main__":
    main()
