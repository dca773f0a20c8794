// cubiq/PuLID_ComfyUI @ 4e1fd402 (2024-10-05): the inputs of its nodes that name a model file, and where ComfyUI finds it.
import { file, node, pack } from "../spec";

export default pack("cubiq/PuLID_ComfyUI", "4e1fd402", {
  PulidModelLoader: node("pulid.py:201", file("pulid_file", 0, "pulid")),
});
