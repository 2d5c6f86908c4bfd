// iris.mjs from: clearprop export runs/iris/model.safetensors --out iris.mjs (no imports, no runtime needed)
import { predict, predictBatch, classLabels } from './iris.mjs';
console.log(classLabels); // [ 'setosa', 'versicolor', 'virginica' ]
console.log(predict([5.1, 3.5, 1.4, 0.2])); // { label: 'setosa', probabilities: [ 0.99…, 0.0…, 0.0… ] }
console.log(predictBatch([[6.7, 3.0, 5.2, 2.3]]).map((p) => p.label)); // [ 'virginica' ]
