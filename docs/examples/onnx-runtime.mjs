import * as ort from 'onnxruntime-web'; // iris.onnx from: clearprop convert runs/iris/model.safetensors iris.onnx
const session = await ort.InferenceSession.create('iris.onnx');
const input = new ort.Tensor('float32', Float32Array.from([5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]), [2, 4]);
const { probabilities } = await session.run({ input }); // [2, 3]: columns in the class_labels metadata order
console.log(probabilities.data);
