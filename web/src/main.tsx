import { render } from 'preact';
import { App } from './app';
import { interceptLinks } from './router';
import './styles.css';

const root = document.getElementById('app');
if (root === null) throw new Error('#app is missing from index.html');
interceptLinks(document.body);
render(<App />, root);
